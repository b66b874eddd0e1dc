import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, makeTree, removeTrees, runCli } from './helpers/cli.js';
import { sarifErrors } from './helpers/sarif.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const hasGit = spawnSync('git', ['--version'], { stdio: 'ignore' }).status === 0;
const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');

/** A Node service whose context holds a repository, installed packages and a log. */
const NODE_DOCKERFILE = 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n';
const MOVED = 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]\n';
const NODE_CONTEXT = {
  'package.json': '{"name":"api","dependencies":{"left-pad":"1.3.0"}}\n',
  'package-lock.json': '{"lockfileVersion":3}\n',
  'server.js': 'require("left-pad");\n',
  'node_modules/left-pad/package.json': '{}\n',
  '.git/HEAD': 'ref: refs/heads/main\n',
  'npm-debug.log': 'x\n',
};
const T = ['-t', 'dockerignore,deps-copy-first'];

describe('dockerignore from the command line', () => {
  it.skipIf(!hasGit)('dry run: the diff creates .dockerignore from /dev/null, and git apply applies it with the Dockerfile change', () => {
    const dir = makeTree({ 'svc/Dockerfile': NODE_DOCKERFILE, ...Object.fromEntries(Object.entries(NODE_CONTEXT).map(([k, v]) => [`svc/${k}`, v])) });
    const r = runCli([...T, '--unsafe-fixes', '--dry-run', 'svc'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--- /dev/null\n+++ b/svc/.dockerignore\n@@ -0,0 +1,3 @@\n+.git\n+node_modules\n+*.log\n');
    expect(existsSync(join(dir, 'svc/.dockerignore'))).toBe(false);
    // Applied in a repository of its own: the patch's paths are relative to the current directory.
    const repo = makeTree({ 'svc/Dockerfile': NODE_DOCKERFILE });
    spawnSync('git', ['init', '-q'], { cwd: repo });
    const apply = spawnSync('git', ['apply', '-'], { cwd: repo, input: r.stdout, encoding: 'utf8' });
    expect(apply.stderr).toBe('');
    expect(apply.status).toBe(0);
    expect(read(repo, 'svc/Dockerfile')).toBe(MOVED);
    expect(read(repo, 'svc/.dockerignore')).toBe('.git\nnode_modules\n*.log\n');
  });

  it('--check counts a file whose only change is the .dockerignore (exit 1) and writes nothing', () => {
    const dir = makeTree({ Dockerfile: 'FROM python:3.12\nCOPY . /srv\n', 'app.py': 'print(1)\n', '.git/HEAD': 'x\n' });
    const r = runCli(['-t', 'dockerignore', '--check'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('would fix Dockerfile: 1 fix (dockerignore); creates .dockerignore');
    expect(existsSync(join(dir, '.dockerignore'))).toBe(false);
  });

  it('write mode writes the Dockerfile and the .dockerignore it relies on; a second run changes nothing', () => {
    const dir = makeTree({ Dockerfile: NODE_DOCKERFILE, ...NODE_CONTEXT });
    const r = runCli([...T, '--unsafe-fixes', '--statistics'], { cwd: dir });
    expect(r.stderr).toContain('fixed Dockerfile: 3 fixes (dockerignore, deps-copy-first); creates .dockerignore');
    expect(r.stderr).toMatch(/^2 +dockerignore +Create or complete \.dockerignore/m);
    expect(r.status).toBe(0);
    expect(read(dir, 'Dockerfile')).toBe(MOVED);
    expect(read(dir, '.dockerignore')).toBe('.git\nnode_modules\n*.log\n');
    expect(lstatSync(join(dir, '.dockerignore')).mode & 0o777).toBe(0o666 & ~process.umask());
    const again = runCli([...T, '--unsafe-fixes', '--check'], { cwd: dir });
    expect(again.status).toBe(0);
  });

  it('without --unsafe-fixes only version control and caches are excluded, and the install stays where it is', () => {
    const dir = makeTree({ Dockerfile: NODE_DOCKERFILE, ...NODE_CONTEXT });
    const r = runCli([...T, '--verbose'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(read(dir, '.dockerignore')).toBe('.git\n');
    expect(read(dir, 'Dockerfile')).toBe(NODE_DOCKERFILE);
    expect(r.stderr).toContain('Dockerfile:3: [dockerignore] unsafe fix not applied: add to .dockerignore node_modules, *.log');
  });

  it('an existing .dockerignore gets the missing lines at its end, in its line endings', () => {
    const dir = makeTree({ Dockerfile: NODE_DOCKERFILE, ...NODE_CONTEXT, '.dockerignore': '# keep out\r\n*.log' });
    const r = runCli([...T, '--unsafe-fixes'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(read(dir, '.dockerignore')).toBe('# keep out\r\n*.log\r\n.git\r\nnode_modules\r\n');
  });

  for (const jobs of ['1', '2']) {
    it(`two Dockerfiles of one context that make the same .dockerignore: written once, its diff shown once (-j ${jobs})`, () => {
      const dir = makeTree({ Dockerfile: NODE_DOCKERFILE, 'Dockerfile.dev': NODE_DOCKERFILE.replace('--omit=dev', ''), ...NODE_CONTEXT });
      const dry = runCli([...T, '--unsafe-fixes', '--dry-run', '-j', jobs], { cwd: dir });
      expect(dry.status).toBe(0);
      expect(dry.stdout.split('+++ b/.dockerignore').length).toBe(2);
      const r = runCli([...T, '--unsafe-fixes', '-j', jobs], { cwd: dir });
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('fixed Dockerfile: 3 fixes');
      expect(r.stderr).toContain('fixed Dockerfile.dev: 3 fixes');
      expect(read(dir, '.dockerignore')).toBe('.git\nnode_modules\n*.log\n');
      expect(read(dir, 'Dockerfile')).toBe(MOVED);
    });
  }

  it('two Dockerfiles of one context that would make different .dockerignore files: neither is written, nor the fixes that rely on it (-j 2)', () => {
    // The debug image runs from the copied node_modules' tools and reads the log: it keeps them.
    const debug = 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node_modules/.bin/nodemon", "server.js"]\n';
    const dir = makeTree({ Dockerfile: NODE_DOCKERFILE, 'Dockerfile.debug': debug, ...NODE_CONTEXT });
    const r = runCli([...T, '--unsafe-fixes', '--verbose', '-j', '2'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, '.dockerignore'))).toBe(false);
    expect(read(dir, 'Dockerfile')).toBe(NODE_DOCKERFILE);
    expect(read(dir, 'Dockerfile.debug')).toBe(debug);
    expect(r.stderr).toContain('Dockerfile:3: [dockerignore] .dockerignore not written: Dockerfile.debug, in the same build context, would make it differently');
    expect(r.stderr).toContain('Dockerfile.debug:3: [dockerignore] .dockerignore not written: Dockerfile, in the same build context, would make it differently');
  });

  it('a Dockerfile of the same context that makes no .dockerignore but copies what it would exclude: not written (-j 2)', () => {
    const prebuilt = 'FROM node:20-alpine\nWORKDIR /app\nCOPY node_modules ./node_modules\nCOPY server.js ./\nCMD ["node", "server.js"]\n';
    const dir = makeTree({ Dockerfile: NODE_DOCKERFILE, 'Dockerfile.prebuilt': prebuilt, ...NODE_CONTEXT });
    const r = runCli([...T, '--unsafe-fixes', '--verbose', '-j', '2'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, '.dockerignore'))).toBe(false);
    expect(read(dir, 'Dockerfile')).toBe(NODE_DOCKERFILE);
    expect(r.stderr).toContain('Dockerfile:3: [dockerignore] .dockerignore not written: Dockerfile.prebuilt, in the same build context, names node_modules');
  });

  it('a .dockerignore that is a symlink out of the context is neither read nor written', () => {
    const outside = makeTree({ ignore: 'secret-dir\n' });
    const dir = makeTree({ Dockerfile: 'FROM python:3.12\nCOPY . /srv\n', 'app.py': 'print(1)\n', '.git/HEAD': 'x\n' });
    symlinkSync(join(outside, 'ignore'), join(dir, '.dockerignore'));
    const r = runCli(['-t', 'dockerignore', '--verbose'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('Dockerfile:2: [dockerignore] .dockerignore is not a regular file inside the build context (a directory, or a link out of it); not edited');
    expect(read(outside, 'ignore')).toBe('secret-dir\n');
    expect(lstatSync(join(dir, '.dockerignore')).isSymbolicLink()).toBe(true);
  });

  it.skipIf(!isRoot)('a directory the user cannot write: error, exit 2, and the Dockerfile that relies on the .dockerignore is left as it was', () => {
    const dir = makeTree({ Dockerfile: NODE_DOCKERFILE, ...NODE_CONTEXT });
    chownSync(join(dir, 'Dockerfile'), NOBODY, NOBODY);
    chmodSync(dir, 0o755);
    const r = runCli([...T, '--unsafe-fixes'], { cwd: dir, uid: NOBODY, gid: NOBODY });
    expect(r.stderr).toContain('Dockerfile: error: cannot write .dockerignore: permission denied');
    expect(r.status).toBe(2);
    expect(existsSync(join(dir, '.dockerignore'))).toBe(false);
    expect(read(dir, 'Dockerfile')).toBe(NODE_DOCKERFILE);
  });

  it('stdin: no .dockerignore is written, and no fix relies on one', () => {
    const ctx = makeTree(NODE_CONTEXT);
    const r = runCli([...T, '--unsafe-fixes', '--verbose', '--context', ctx, '-'], { cwd: ctx, input: NODE_DOCKERFILE });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(NODE_DOCKERFILE);
    expect(existsSync(join(ctx, '.dockerignore'))).toBe(false);
    expect(r.stderr).toContain('<stdin>:3: [dockerignore] .dockerignore not written: the Dockerfile was read from stdin');
  });

  it('JSON names the file a fix makes; SARIF carries it as a second artifact change and stays valid', () => {
    const dir = makeTree({ Dockerfile: NODE_DOCKERFILE, ...NODE_CONTEXT });
    const json = JSON.parse(runCli([...T, '--unsafe-fixes', '--check', '--format', 'json'], { cwd: dir }).stdout);
    const file = json.files[0];
    expect(file.sideFiles).toEqual([{ path: '.dockerignore', created: true, text: '.git\nnode_modules\n*.log\n' }]);
    expect(file.fixes.filter((f: { files?: string[] }) => f.files).map((f: { files: string[] }) => f.files)).toEqual([['.dockerignore'], ['.dockerignore']]);
    const sarif = JSON.parse(runCli([...T, '--unsafe-fixes', '--check', '--format', 'sarif'], { cwd: dir }).stdout);
    expect(sarifErrors(sarif)).toEqual([]);
    const changes = sarif.runs[0].results[0].fixes[0].artifactChanges;
    expect(changes.map((c: { artifactLocation: { uri: string } }) => c.artifactLocation.uri)).toEqual(['Dockerfile', '.dockerignore']);
    expect(changes[1].replacements).toEqual([{ deletedRegion: { charOffset: 0, charLength: 0 }, insertedContent: { text: '.git\nnode_modules\n*.log\n' } }]);
    expect(existsSync(join(dir, '.dockerignore'))).toBe(false);
  });
});
