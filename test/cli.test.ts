import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAINABLE, CHAINED, changedPaths, ensureBuilt, makeTree, removeTrees, ROOT, runChain, runCli } from './helpers/cli.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

const ESC = '\x1b[';
const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');
const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const hasScript = spawnSync('script', ['--version']).status === 0;

describe('modes and exit codes', () => {
  it('writes changed files in place, one line per file and a summary on stderr (exit 0)', () => {
    const dir = makeTree({ 'Dockerfile': CHAINABLE, 'svc/Dockerfile': 'FROM debian\nRUN a\n' });
    const r = runChain([], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(read(dir, 'Dockerfile')).toBe(CHAINED);
    expect(read(dir, 'svc/Dockerfile')).toBe('FROM debian\nRUN a\n');
    expect(r.stderr).toContain('fixed Dockerfile: 1 fix (chain-runs)\n');
    expect(r.stderr).toMatch(/^2 files checked: 1 changed, 1 fix applied, 0 fixes skipped$/m);
    // A second run has nothing to do.
    const again = runChain([], { cwd: dir });
    expect(again.status).toBe(0);
    expect(changedPaths(again.stderr)).toEqual([]);
    expect(again.stderr).toContain('2 files checked: 0 changed');
  });

  it('exits 0 with a note when there is no Dockerfile', () => {
    const dir = makeTree({ 'README.md': '# hi\n' });
    const r = runChain(['.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('no Dockerfiles found');
  });

  it('--check writes nothing, lists the files that would change and exits 1', () => {
    const dir = makeTree({ 'a/Dockerfile': CHAINABLE, 'b/Dockerfile': CHAINED });
    const r = runChain(['--check'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(changedPaths(r.stderr)).toEqual(['a/Dockerfile']);
    expect(r.stderr).toContain('would fix a/Dockerfile: 1 fix (chain-runs)');
    expect(read(dir, 'a/Dockerfile')).toBe(CHAINABLE);
    expect(runChain(['--check', 'b'], { cwd: dir }).status).toBe(0);
  });

  it('--check --dry-run prints the diffs too and exits 1', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const r = runChain(['--check', '--dry-run'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('--- a/Dockerfile\n+++ b/Dockerfile\n');
    expect(changedPaths(r.stderr)).toEqual(['Dockerfile']);
    expect(read(dir, 'Dockerfile')).toBe(CHAINABLE);
  });

  it('--dry-run writes nothing, prints a diff with paths relative to the current directory, exits 0', () => {
    const dir = makeTree({ 'svc/api/Dockerfile': CHAINABLE, 'svc/web/Dockerfile': CHAINED });
    const r = runChain(['--dry-run', 'svc'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(read(dir, 'svc/api/Dockerfile')).toBe(CHAINABLE);
    expect(r.stdout).toBe(
      '--- a/svc/api/Dockerfile\n+++ b/svc/api/Dockerfile\n@@ -1,3 +1,3 @@\n FROM debian\n-RUN a\n-RUN b\n+RUN a && \\\n+    b\n',
    );
    // Run from a subdirectory, paths stay relative to where it runs.
    const sub = runChain(['--dry-run', '.'], { cwd: join(dir, 'svc/api') });
    expect(sub.stdout.startsWith('--- a/Dockerfile\n+++ b/Dockerfile\n')).toBe(true);
    const up = runChain(['--dry-run', '../api'], { cwd: join(dir, 'svc/web') });
    // Above it: no `..` (git apply and patch refuse it); outside a repository, the path from /.
    expect(up.stdout.startsWith(`--- a${join(dir, 'svc/api/Dockerfile')}\n`)).toBe(true);
  });

  it.each([
    [['--bogus'], /unknown option '--bogus'/],
    [['--format', 'xml'], /--format.*xml|xml.*--format|choices/],
    [['--uid', 'abc'], /uid is a whole number/],
    [['--uid', '0'], /uid is a whole number/],
    [['--user', 'a b'], /user name/],
    [['--jobs', '0'], /jobs is a whole number from 1 to 64/],
    [['-j', 'two'], /jobs is a whole number from 1 to 64/],
    [['--jobs', '65'], /jobs is a whole number from 1 to 64/],
    [['--context', 'missing-dir'], /missing-dir is not a directory/],
    [['-', 'Dockerfile'], /cannot be combined/],
    [['--transforms', 'nope'], /unknown transform 'nope' in --transforms; valid ids: .*chain-runs/],
    [['--skip', 'chain-runs,nope'], /unknown transform 'nope' in --skip; valid ids: .*chain-runs/],
    [['-t', ','], /--transforms needs at least one id/],
  ])('usage error %j exits 2', (args, message) => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const r = runCli(args, { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(read(dir, 'Dockerfile')).toBe(CHAINABLE);
  });

  it('exits 2 when a file cannot be processed, and still processes the others', () => {
    const dir = makeTree({ 'a/Dockerfile': 'RUN x\n', 'b/Dockerfile': CHAINABLE });
    const r = runChain([], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('a/Dockerfile: error: no FROM instruction');
    expect(read(dir, 'b/Dockerfile')).toBe(CHAINED);
    expect(r.stderr).toContain('1 failed');
    // Errors win over --check's 1.
    expect(runChain(['--check'], { cwd: makeTree({ 'a/Dockerfile': 'RUN x\n', 'b/Dockerfile': CHAINABLE }) }).status).toBe(2);
  });

  it('names a missing path and exits 2', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const r = runChain(['nope', 'Dockerfile'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nope: error: no such file or directory');
    expect(read(dir, 'Dockerfile')).toBe(CHAINED);
  });

  it('--help teaches the options, exit codes and examples; --version prints the package version', () => {
    const dir = makeTree();
    const help = runCli(['--help'], { cwd: dir });
    expect(help.status).toBe(0);
    for (const opt of ['--dry-run', '--check', '--transforms', '--skip', '--list-transforms', '--context', '--user', '--uid', '--jobs', '--verbose', '--format', '--no-color', '--version']) {
      expect(help.stdout).toContain(opt);
    }
    expect(help.stdout).toContain('Exit codes:');
    expect(help.stdout).toMatch(/^ {2}2 {2}usage error/m);
    expect(help.stdout).toContain('Examples:');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const v = runCli(['--version'], { cwd: dir });
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe(pkg.version);
  });
});

describe('dry-run diffs apply to exactly what write mode writes', () => {
  const variants: Record<string, string | Buffer> = {
    'lf/Dockerfile': CHAINABLE,
    'crlf/Dockerfile': 'FROM debian\r\nRUN a\r\nRUN b\r\n',
    'no-final-newline/Dockerfile': 'FROM debian\nRUN a\nRUN b',
    'crlf-no-final-newline/Dockerfile': 'FROM debian\r\nRUN a\r\nRUN b',
    'bom/Dockerfile': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CHAINABLE)]),
    'bom-crlf/Dockerfile': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('FROM debian\r\nRUN a\r\nRUN b')]),
    'long/Dockerfile': `FROM debian\n${'# c\n'.repeat(20)}RUN a\nRUN b\n${'# d\n'.repeat(20)}RUN c\nRUN d\nLABEL x=y\n`,
  };

  for (const tool of ['git apply', 'patch -p1']) {
    it(`${tool}`, () => {
      const repo = makeTree(variants);
      git(repo, 'init', '-q', '.');
      git(repo, 'add', '-A');
      git(repo, 'commit', '-qm', 'init');
      const written = makeTree();
      cpSync(repo, written, { recursive: true });

      const dry = runChain(['--dry-run'], { cwd: repo });
      expect(dry.status).toBe(0);
      for (const p of Object.keys(variants)) expect(dry.stdout).toContain(`--- a/${p}\n+++ b/${p}\n`);
      expect(runChain([], { cwd: written }).status).toBe(0);

      const [cmd, ...args] = tool.split(' ');
      const applied = spawnSync(cmd, cmd === 'git' ? [...args, '-'] : args, { cwd: repo, input: dry.out });
      expect(applied.status, applied.stderr?.toString()).toBe(0);
      for (const p of Object.keys(variants)) {
        const got = readFileSync(join(repo, p));
        expect(got.equals(readFileSync(join(written, p))), p).toBe(true);
        expect(got.equals(Buffer.from(variants[p] as string | Buffer)), `${p} changed`).toBe(false);
      }
    });
  }

  it('keeps a BOM and CRLF in write mode', () => {
    const dir = makeTree({ Dockerfile: variants['bom-crlf/Dockerfile'] });
    runChain([], { cwd: dir });
    expect(readFileSync(join(dir, 'Dockerfile'))).toEqual(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('FROM debian\r\nRUN a && \\\r\n    b')]),
    );
  });
});

describe('stdin', () => {
  it('- writes the result to stdout', () => {
    const dir = makeTree();
    const r = runChain(['-'], { cwd: dir, input: CHAINABLE });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(CHAINED);
  });

  it('- echoes an unchanged input', () => {
    const r = runChain(['-'], { cwd: makeTree(), input: CHAINED });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(CHAINED);
  });

  it('- keeps a BOM and CRLF byte for byte', () => {
    const input = Buffer.from('\ufeffFROM debian\r\nRUN a\r\nRUN b\r\n');
    const r = runChain(['-'], { cwd: makeTree(), input });
    expect(r.out).toEqual(Buffer.from('\ufeffFROM debian\r\nRUN a && \\\r\n    b\r\n'));
  });

  it('--dry-run - prints the diff', () => {
    const r = runChain(['--dry-run', '-'], { cwd: makeTree(), input: CHAINABLE });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^--- a\/<stdin>\n\+\+\+ b\/<stdin>\n@@ /);
    expect(r.stdout).toContain('+RUN a && \\\n+    b\n');
  });

  it('--check - answers with the exit code only', () => {
    const changes = runChain(['--check', '-'], { cwd: makeTree(), input: CHAINABLE });
    expect(changes.status).toBe(1);
    expect(changes.stdout).toBe('');
    const clean = runChain(['--check', '-'], { cwd: makeTree(), input: CHAINED });
    expect(clean.status).toBe(0);
    expect(clean.stdout).toBe('');
  });

  it('- with input that is not a Dockerfile exits 2 and prints nothing on stdout', () => {
    const r = runChain(['-'], { cwd: makeTree(), input: 'echo hi\n' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('<stdin>: error: no FROM instruction');
  });

  it('--format json - puts the result in the document', () => {
    const r = runChain(['--format', 'json', '-'], { cwd: makeTree(), input: CHAINABLE });
    const doc = JSON.parse(r.stdout);
    expect(doc.files[0]).toMatchObject({ path: '<stdin>', changed: true, output: CHAINED });
  });

  it('--context is accepted for stdin', () => {
    const dir = makeTree({ 'ctx/package.json': '{}' });
    const r = runChain(['--context', 'ctx', '-'], { cwd: dir, input: CHAINABLE });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(CHAINED);
  });
});

describe('discovery', () => {
  it('finds the Dockerfile names in directories, sorted, and nothing else', () => {
    const names = [
      'Dockerfile',
      'Dockerfile.prod',
      'api.Dockerfile',
      'web.dockerfile',
      'Containerfile',
      'Containerfile.dev',
      'Dockerfile-alpine',
      'Dockerfile-Newest',
      'a/dockerfile',
      'b/DOCKERFILE.dev',
      'app.containerfile',
      'deep/er/Dockerfile',
      '.devcontainer/Dockerfile',
    ];
    const others = [
      'Dockerfile-old', 'Dockerfile.', 'notes.txt', 'Makefile', 'x.Dockerfile.bak', 'Dockerfile.j2', 'Dockerfile.template',
      'Dockerfile.tmpl', 'Dockerfile.in', 'Dockerfile.jinja', 'Dockerfile.erb', 'Dockerfile.m4', 'Dockerfile.bak',
      'Dockerfile.orig', 'Dockerfile.swp', 'Dockerfile~', 'Dockerfile.dockerignore', '.dockerignore', 'Dockerfile.lock',
      'dockerfile.go', 'dockerfiles', 'Dockerfile.md',
    ];
    // The others in a folder of their own: a template next to a Dockerfile makes it a generated file.
    const dir = makeTree(Object.fromEntries([...names, ...others.map((n) => `others/${n}`)].map((n) => [n, CHAINABLE])));
    const r = runChain(['--check'], { cwd: dir });
    expect(changedPaths(r.stderr)).toEqual([...names].sort());
  });

  it('skips node_modules, .git and what .gitignore files ignore (nested ones relative to their directory)', () => {
    const dir = makeTree({
      '.gitignore': 'build/\n*.local.Dockerfile\n!keep.local.Dockerfile\n',
      'Dockerfile': CHAINABLE,
      'node_modules/pkg/Dockerfile': CHAINABLE,
      '.git/Dockerfile': CHAINABLE,
      'build/Dockerfile': CHAINABLE,
      'a.local.Dockerfile': CHAINABLE,
      'keep.local.Dockerfile': CHAINABLE,
      'sub/.gitignore': 'Dockerfile.gen\n/top.Dockerfile\n',
      'sub/Dockerfile.gen': CHAINABLE,
      'sub/top.Dockerfile': CHAINABLE,
      'sub/deeper/top.Dockerfile': CHAINABLE,
      'sub/deeper/Dockerfile.gen': CHAINABLE,
      'other/Dockerfile.gen': CHAINABLE,
    });
    const r = runChain(['--check'], { cwd: dir });
    expect(changedPaths(r.stderr)).toEqual(['Dockerfile', 'keep.local.Dockerfile', 'other/Dockerfile.gen', 'sub/deeper/top.Dockerfile']);
  });

  it("applies the repository's outer .gitignore when searching a subdirectory", () => {
    const dir = makeTree({ '.gitignore': 'gen/\n', 'svc/Dockerfile': CHAINABLE, 'svc/gen/Dockerfile': CHAINABLE });
    git(dir, 'init', '-q', '.');
    expect(changedPaths(runChain(['--check', 'svc'], { cwd: dir }).stderr)).toEqual(['svc/Dockerfile']);
    // An ignored directory named explicitly is still searched.
    expect(changedPaths(runChain(['--check', 'svc/gen'], { cwd: dir }).stderr)).toEqual(['svc/gen/Dockerfile']);
  });

  it('processes a file named explicitly whatever its name, even when ignored', () => {
    const dir = makeTree({ '.gitignore': 'odd.txt\n', 'odd.txt': CHAINABLE, 'node_modules/x/build.df': CHAINABLE });
    const r = runChain(['--check', 'odd.txt', 'node_modules/x/build.df'], { cwd: dir });
    expect(changedPaths(r.stderr)).toEqual(['node_modules/x/build.df', 'odd.txt']);
  });

  it('expands quoted globs (every matching file, minus ignored ones)', () => {
    const dir = makeTree({
      '.gitignore': 'vendor/\n',
      'a/Dockerfile': CHAINABLE,
      'b/c/Dockerfile': CHAINABLE,
      'b/c/Dockerfile.dev': CHAINABLE,
      'vendor/Dockerfile': CHAINABLE,
      'node_modules/Dockerfile': CHAINABLE,
      'x/build.df': CHAINABLE,
    });
    expect(changedPaths(runChain(['--check', '**/Dockerfile'], { cwd: dir }).stderr)).toEqual(['a/Dockerfile', 'b/c/Dockerfile']);
    expect(changedPaths(runChain(['--check', 'x/*.df'], { cwd: dir }).stderr)).toEqual(['x/build.df']);
    // A glob that matches nothing is a mistake (a typo must not pass CI).
    const none = runChain(['--check', '**/Nope*'], { cwd: dir });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("**/Nope*: error: no file matches '**/Nope*'");
  });

  it('processes each file once, whatever the number of ways it was named', () => {
    const dir = makeTree({ 'svc/Dockerfile': CHAINABLE });
    symlinkSync('svc/Dockerfile', join(dir, 'Dockerfile'));
    const r = runChain(['--check', 'svc', 'svc/Dockerfile', './svc/Dockerfile', 'Dockerfile', '**/Dockerfile'], { cwd: dir });
    expect(changedPaths(r.stderr)).toEqual(['svc/Dockerfile']);
  });
});

describe('transform selection', () => {
  const fixIds = (stdout: string) =>
    new Set(JSON.parse(stdout).files.flatMap((f: { fixes: Array<{ transform: string }> }) => f.fixes.map((x) => x.transform)));

  it('runs the default-on transforms when none are named', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const r = runCli(['--dry-run', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(fixIds(r.stdout).has('chain-runs')).toBe(true);
  });

  it('--transforms runs only the named transforms', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const r = runCli(['-t', 'chain-runs'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(read(dir, 'Dockerfile')).toBe(CHAINED);
    expect(r.stderr).toContain('fixed Dockerfile: 1 fix (chain-runs)');
  });

  it('--transforms accepts off-by-default transforms; --list-transforms JSON tells which', () => {
    const list = JSON.parse(runCli(['--list-transforms', '--format', 'json'], { cwd: makeTree() }).stdout) as Array<{ id: string; defaultOn: boolean }>;
    const ids = list.map((t) => t.id).join(',');
    const dir = makeTree({ Dockerfile: CHAINABLE });
    expect(runCli(['--dry-run', '-t', ids], { cwd: dir }).status).toBe(0);
  });

  it('--skip leaves a transform out', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const r = runCli(['--skip', 'chain-runs', '--dry-run', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(fixIds(r.stdout).has('chain-runs')).toBe(false);
    const none = runCli(['-t', 'chain-runs', '--skip', 'chain-runs'], { cwd: dir });
    expect(none.status).toBe(0);
    expect(read(dir, 'Dockerfile')).toBe(CHAINABLE);
    expect(none.stderr).toContain('no transforms selected');
  });

  it('--chain-all makes chain-runs join the RUNs its default leaves apart (an install and an unrelated step)', () => {
    const input = 'FROM debian\nRUN apt-get install -y curl\nRUN mkdir /app\n';
    const dir = makeTree({ Dockerfile: input });
    const def = runCli(['-t', 'chain-runs', '--check', '--verbose'], { cwd: dir });
    expect(def.status).toBe(0);
    expect(def.stderr).toMatch(/^Dockerfile:3: \[chain-runs\] not chained: the install on line 2 .*build cache coarser$/m);
    const r = runCli(['-t', 'chain-runs', '--chain-all'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(read(dir, 'Dockerfile')).toBe('FROM debian\nRUN apt-get install -y curl && \\\n    mkdir /app\n');
  });

  it('--list-transforms prints a table, or JSON with --format json', () => {
    const dir = makeTree();
    const table = runCli(['--list-transforms'], { cwd: dir });
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^ID +DEFAULT +TIER +HADOLINT +DESCRIPTION$/m);
    expect(table.stdout).toMatch(/^chain-runs +on +safe +DL3059 +\S/m);
    expect(table.stdout).toMatch(/^non-root-user +on +unsafe +DL3002 +\S/m);
    const json = JSON.parse(runCli(['--list-transforms', '--format', 'json'], { cwd: dir }).stdout);
    expect(json).toContainEqual(expect.objectContaining({ id: 'chain-runs', defaultOn: true, tier: 'safe', hadolint: ['DL3059'] }));
    for (const t of json) expect(Object.keys(t).sort()).toEqual(['defaultOn', 'description', 'hadolint', 'id', 'tier']);
  });

  it('passes --user and --uid through (accepted values)', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    expect(runChain(['--user', 'svc_user', '--uid', '10001', '--check'], { cwd: dir }).status).toBe(1);
  });
});

describe('reporting', () => {
  const SKIPPY = 'FROM debian\nRUN a # note\nRUN b\n';

  it('--verbose prints each skipped fix as path:line: [transform] reason', () => {
    const dir = makeTree({ 'svc/Dockerfile': SKIPPY });
    const quiet = runChain(['--check'], { cwd: dir });
    expect(quiet.stderr).not.toMatch(/\[chain-runs\]/);
    expect(quiet.stderr).toContain('1 fix skipped (--verbose shows why)');
    const r = runChain(['--check', '--verbose'], { cwd: dir });
    expect(r.stderr).toMatch(/^svc\/Dockerfile:\d+: \[chain-runs\] .*shell comment.*$/m);
  });

  it('--format json prints one document with files and summary', () => {
    const dir = makeTree({ 'a/Dockerfile': CHAINABLE, 'b/Dockerfile': SKIPPY, 'c/Dockerfile': 'RUN x\n' });
    const r = runChain(['--format', 'json'], { cwd: dir });
    expect(r.status).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.files.map((f: { path: string }) => f.path)).toEqual(['a/Dockerfile', 'b/Dockerfile', 'c/Dockerfile']);
    expect(doc.files[0]).toEqual({
      path: 'a/Dockerfile',
      changed: true,
      fixes: [{ transform: 'chain-runs', message: expect.any(String), line: 2, column: 5, tier: 'safe', applied: true }],
      unsafe: [],
      skipped: [],
    });
    expect(doc.files[1].skipped).toEqual([{ transform: 'chain-runs', reason: expect.stringContaining('shell comment'), line: expect.any(Number) }]);
    expect(doc.files[2]).toMatchObject({ changed: false, error: expect.stringContaining('no FROM') });
    expect(doc.summary).toEqual({
      files: 3,
      changed: 1,
      fixes: 1,
      skipped: 1,
      unsafe: 0,
      errors: 1,
      byTransform: { 'chain-runs': { fixes: 1, unsafe: 0, skipped: 1 } },
    });
    expect(read(dir, 'a/Dockerfile')).toBe(CHAINED);
    // stderr holds only the error line.
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('c/Dockerfile: error:')]);
  });

  it('--format json --dry-run adds each file diff', () => {
    const dir = makeTree({ 'a/Dockerfile': CHAINABLE, 'b/Dockerfile': CHAINED });
    const r = runChain(['--format', 'json', '--dry-run'], { cwd: dir });
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.files[0].diff).toMatch(/^--- a\/a\/Dockerfile\n\+\+\+ b\/a\/Dockerfile\n/);
    expect(doc.files[1].diff).toBe('');
    expect(read(dir, 'a/Dockerfile')).toBe(CHAINABLE);
  });

  it('uses no color when piped, with NO_COLOR, or with --no-color; FORCE_COLOR turns it on', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const piped = runChain(['--check', '--dry-run'], { cwd: dir });
    expect(piped.stdout + piped.stderr).not.toContain(ESC);
    const forced = runChain(['--check', '--dry-run'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain(`${ESC}31m-RUN a`);
    expect(forced.stderr).toContain(ESC);
    const off = runChain(['--check', '--dry-run', '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(off.stdout + off.stderr).not.toContain(ESC);
    const noColor = runChain(['--check', '--dry-run'], { cwd: dir, env: { NO_COLOR: '1' } });
    expect(noColor.stdout + noColor.stderr).not.toContain(ESC);
  });

  it.skipIf(!hasScript)('colors a terminal unless NO_COLOR is set (through script(1) for a TTY)', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const tty = (env: string) =>
      spawnSync('script', ['-qec', `${env} "${process.execPath}" "${join(ROOT, 'dist/src/cli.js')}" --check --dry-run`, '/dev/null'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined },
      });
    const on = tty('');
    expect(on.stdout).toContain(ESC);
    const off = tty('NO_COLOR=1');
    expect(off.stdout).toContain('--- a/Dockerfile');
    expect(off.stdout).not.toContain(ESC);
  });

  it.skipIf(!hasScript)('shows a files done/total line on a terminal over 50 files, and clears it', () => {
    const files = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`s${i}/Dockerfile`, CHAINED]));
    const dir = makeTree(files);
    const r = spawnSync('script', ['-qec', `"${process.execPath}" "${join(ROOT, 'dist/src/cli.js')}" --check`, '/dev/null'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    });
    expect(r.stdout).toContain('60/60 files');
    expect(r.stdout).toContain('\r\x1b[K60 files checked');
    // Never when piped.
    expect(runChain(['--check'], { cwd: dir }).stderr).not.toContain('/60 files');
  });
});

describe('safe and unsafe fixes', () => {
  const USERLESS = 'FROM python:3.12-slim\nCOPY app.py /srv/app.py\nCMD ["python", "/srv/app.py"]\n';

  it('applies safe fixes only by default, and says how many unsafe fixes were left out', () => {
    const dir = makeTree({ Dockerfile: USERLESS });
    const r = runCli(['-t', 'non-root-user', '--check'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(read(dir, 'Dockerfile')).toBe(USERLESS);
    expect(r.stderr).toMatch(/^1 file checked: 0 would change, 0 fixes to apply, 0 fixes skipped, 1 unsafe fix not applied \(--unsafe-fixes applies them; --verbose shows them\)$/m);
    const v = runCli(['-t', 'non-root-user', '--check', '--verbose'], { cwd: dir });
    expect(v.stderr).toMatch(/^Dockerfile:3: \[non-root-user\] unsafe fix not applied: added USER app before CMD on line 3.*\(running as another user changes/m);
  });

  it('--unsafe-fixes applies them too', () => {
    const dir = makeTree({ Dockerfile: USERLESS });
    const r = runCli(['-t', 'non-root-user', '--unsafe-fixes'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(read(dir, 'Dockerfile')).toMatch(/\nUSER app\nCMD/);
    expect(r.stderr).toContain('fixed Dockerfile: 1 fix (non-root-user)');
    expect(r.stderr).not.toContain('unsafe fix not applied');
  });

  it('--format json lists unsafe fixes not applied, with their reason, and counts them', () => {
    const dir = makeTree({ Dockerfile: USERLESS });
    const doc = JSON.parse(runCli(['-t', 'non-root-user', '--format', 'json', '--dry-run'], { cwd: dir }).stdout);
    expect(doc.files[0].unsafe).toEqual([
      { transform: 'non-root-user', message: expect.stringContaining('USER app'), line: 3, column: 1, tier: 'unsafe', applied: false, reason: expect.stringContaining('another user') },
    ]);
    expect(doc.summary.unsafe).toBe(1);
    const applied = JSON.parse(runCli(['-t', 'non-root-user', '--format', 'json', '--dry-run', '--unsafe-fixes'], { cwd: dir }).stdout);
    expect(applied.files[0].fixes).toEqual([expect.objectContaining({ transform: 'non-root-user', tier: 'unsafe', applied: true })]);
    expect(applied.summary.unsafe).toBe(0);
  });
});

describe('build context', () => {
  it('--context must be a directory and is accepted for files', () => {
    const dir = makeTree({ 'svc/Dockerfile': CHAINABLE, 'ctx/requirements.txt': 'flask\n' });
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'file'), 'x');
    expect(runChain(['--context', 'file', 'svc'], { cwd: dir }).status).toBe(2);
    const r = runChain(['--context', 'ctx', 'svc'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(read(dir, 'svc/Dockerfile')).toBe(CHAINED);
  });
});
