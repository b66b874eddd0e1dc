import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAINABLE, CHAINED, changedPaths, ensureBuilt, makeTree, removeTrees, ROOT, runChain, runCli } from './helpers/cli.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');
const USERLESS = 'FROM debian\nRUN a\nRUN b\nCMD ["x"]\n';

describe('--format github', () => {
  it('prints one annotation per fix on stdout, with the input line and column, and nothing else there', () => {
    const dir = makeTree({ 'svc/Dockerfile': USERLESS, 'bad/Dockerfile': 'RUN x\n' });
    const r = runCli(['--check', '--dry-run', '--format', 'github', '-t', 'chain-runs,non-root-user'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout.split('\n')).toEqual([
      '::error file=bad/Dockerfile,title=docker-codemod::no FROM instruction: not a Dockerfile',
      expect.stringMatching(/^::warning file=svc\/Dockerfile,line=2,col=5,title=chain-runs::chained 2 RUN instructions \(lines 2, 3\)/),
      expect.stringMatching(/^::notice file=svc\/Dockerfile,line=4,col=1,title=non-root-user::added USER app .*unsafe fix, not applied/),
      '',
    ]);
    // The usual report stays on stderr; the diff is not printed.
    expect(r.stderr).toContain('would fix svc/Dockerfile: 1 fix (chain-runs)');
    expect(r.stdout).not.toContain('+++');
    expect(read(dir, 'svc/Dockerfile')).toBe(USERLESS);
  });

  it('with - (stdin) needs --check or --dry-run, since stdout holds the result otherwise', () => {
    const dir = makeTree();
    for (const format of ['github', 'sarif']) {
      const r = runCli(['--format', format, '-'], { cwd: dir, input: CHAINABLE });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`--format ${format} with - (stdin) needs --check or --dry-run`);
    }
    const ok = runChain(['--check', '--format', 'github', '-'], { cwd: dir, input: CHAINABLE });
    expect(ok.status).toBe(1);
    expect(ok.stdout).toMatch(/^::warning file=<stdin>,line=2,col=5,title=chain-runs::/);
  });
});

describe('--statistics', () => {
  it('prints the fixes per transform after the run, on stderr', () => {
    const dir = makeTree({ 'a/Dockerfile': CHAINABLE, 'b/Dockerfile': CHAINABLE, 'c/Dockerfile': 'FROM debian\nRUN a # x\nRUN b\n' });
    const r = runChain(['--check', '--statistics'], { cwd: dir });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.at(-2)).toMatch(/^3 files checked: 2 would change/);
    expect(lines.at(-1)).toMatch(/^2 {2}chain-runs {2}Join consecutive RUN instructions.* \(1 skipped\)$/);
    const none = runChain(['--statistics'], { cwd: makeTree({ Dockerfile: 'FROM debian\n' }) });
    expect(none.stderr.trim().split('\n').at(-1)).toBe('no fixes');
  });

  it('the JSON summary carries the same counts', () => {
    const dir = makeTree({ 'a/Dockerfile': CHAINABLE, 'b/Dockerfile': USERLESS });
    const doc = JSON.parse(runCli(['--check', '--format', 'json', '-t', 'chain-runs,non-root-user'], { cwd: dir }).stdout);
    expect(doc.summary.byTransform).toEqual({
      'chain-runs': { fixes: 2, unsafe: 0, skipped: 0 },
      // a/Dockerfile has no CMD or ENTRYPOINT: nothing runs, so non-root-user skips it.
      'non-root-user': { fixes: 0, unsafe: 1, skipped: 1 },
    });
    expect(doc.files[1].unsafe[0]).toMatchObject({ transform: 'non-root-user', line: 4, column: 1, tier: 'unsafe', applied: false });
  });
});

describe('exit codes and versions', () => {
  it('--exit-non-zero-on-fix exits 1 when files were fixed, 0 when nothing changed', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const r = runChain(['--exit-non-zero-on-fix'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(read(dir, 'Dockerfile')).toBe(CHAINED);
    expect(runChain(['--exit-non-zero-on-fix'], { cwd: dir }).status).toBe(0);
    const stdin = runChain(['--exit-non-zero-on-fix', '-'], { cwd: dir, input: CHAINABLE });
    expect([stdin.status, stdin.stdout]).toEqual([1, CHAINED]);
    // Modes that write nothing fix nothing.
    expect(runChain(['--exit-non-zero-on-fix', '--dry-run'], { cwd: makeTree({ Dockerfile: CHAINABLE }) }).status).toBe(0);
  });

  it('-V prints the version; -v is an error with a hint', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const v = runCli(['-V'], { cwd: dir });
    expect([v.status, v.stdout.trim()]).toEqual([0, pkg.version]);
    const bad = runCli(['-v'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown option '-v'");
    expect(bad.stderr).toContain('--verbose prints the skipped fixes, -V (--version) prints the version');
    expect(read(dir, 'Dockerfile')).toBe(CHAINABLE);
  });

  it('--help names the new options', () => {
    const help = runCli(['--help'], { cwd: makeTree() }).stdout;
    for (const opt of ['-V, --version', '--statistics', '--exit-non-zero-on-fix', '--files-from', 'sarif', 'github']) expect(help).toContain(opt);
    expect(help).not.toMatch(/-v, --verbose/);
  });

  it('a mistyped transform id gets a suggestion', () => {
    const r = runCli(['-t', 'chain-run', '--check'], { cwd: makeTree() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown transform 'chain-run' in --transforms; did you mean 'chain-runs'?");
    const option = runCli(['--chek'], { cwd: makeTree() });
    expect([option.status, option.stderr]).toEqual([2, expect.stringContaining('(Did you mean --check?)')]);
    const far = runCli(['--skip', 'kubernetes'], { cwd: makeTree() });
    expect(far.stderr).toMatch(/unknown transform 'kubernetes' in --skip; valid ids: .*chain-runs/);
  });
});

describe('paths that are not Dockerfiles', () => {
  it('a glob that matches nothing exits 2 naming it', () => {
    const dir = makeTree({ 'services/api/Dockerfile': CHAINABLE });
    const r = runChain(['--check', 'services/**/Dockerfle'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("no file matches 'services/**/Dockerfle'");
  });

  it('a named file that is not a Dockerfile by name or content is skipped with a note, not parsed', () => {
    const dir = makeTree({
      'README.md': '# Title\n\nSome prose.\n',
      'package.json': '{ "name": "x" }\n',
      'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]),
      'build.df': '# syntax=docker/dockerfile:1\n\nARG V=1\nFROM debian\nRUN a\nRUN b\n',
      'Dockerfile.broken': 'RUN x\n',
    });
    const r = runChain(['--check', 'README.md', 'package.json', 'logo.png', 'build.df'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('README.md: not a Dockerfile (no FROM or ARG first, and not a Dockerfile name), skipped');
    expect(r.stderr).toContain('package.json: not a Dockerfile');
    expect(r.stderr).toContain('logo.png: binary file, skipped');
    expect(changedPaths(r.stderr)).toEqual(['build.df']);
    // A Dockerfile by name is still parsed, and reported when broken.
    const broken = runChain(['--check', 'Dockerfile.broken'], { cwd: dir });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('Dockerfile.broken: error: no FROM instruction');
    // The same with worker threads.
    const jobs = runChain(['--check', '-j', '2', 'README.md', 'build.df'], { cwd: dir });
    expect([jobs.status, changedPaths(jobs.stderr)]).toEqual([1, ['build.df']]);
    expect(jobs.stderr).toContain('README.md: not a Dockerfile');
  });
});

describe('--files-from', () => {
  it('reads a list of paths (a file or stdin), skipping deleted files and non-Dockerfiles with one note', () => {
    const dir = makeTree({ 'a/Dockerfile': CHAINABLE, 'b/Dockerfile': CHAINABLE, 'src/app.py': 'print(1)\n', 'odd.df': CHAINABLE });
    const list = 'a/Dockerfile\nsrc/app.py\ngone/Dockerfile\n\nodd.df\n';
    const r = runChain(['--check', '--files-from', '-'], { cwd: dir, input: list });
    expect(r.status).toBe(1);
    expect(changedPaths(r.stderr)).toEqual(['a/Dockerfile', 'odd.df']);
    expect(r.stderr).toContain('note: --files-from stdin: skipped 2 entries (1 that does not exist, 1 not a Dockerfile)');
    writeFileSync(join(dir, 'changed.txt'), list);
    const f = runChain(['--check', '--files-from', 'changed.txt', 'b'], { cwd: dir });
    expect(changedPaths(f.stderr)).toEqual(['a/Dockerfile', 'b/Dockerfile', 'odd.df']);
    expect(f.stderr).toContain('note: --files-from changed.txt: skipped 2 entries');
  });

  it('an empty list is nothing to do (exit 0), and a missing list file is a usage error', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const empty = runChain(['--check', '--files-from', '-'], { cwd: dir, input: 'README.md\n' });
    expect(empty.status).toBe(0);
    expect(empty.stderr).toContain('no Dockerfiles found');
    const missing = runChain(['--check', '--files-from', 'nope.txt'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read --files-from nope.txt');
    expect(runChain(['--files-from', 'x', '-'], { cwd: dir, input: CHAINABLE }).status).toBe(2);
  });
});
