import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLimited } from '../src/runner/read-limited.js';
import { CHAINABLE, CHAINED, CLI, ensureBuilt, makeTree, removeTrees, runChain, runCli } from './helpers/cli.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

const NPM_DOCKERFILE = 'FROM node:20-alpine\nWORKDIR /usr/src/app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/index.js"]\n';
const PACKAGE_JSON = '{\n  "name": "app",\n  "version": "1.0.0",\n  "private": true,\n  "dependencies": { "express": "^4.19.2" }\n}\n';
const LOCK = '{\n  "name": "app",\n  "version": "1.0.0",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {}\n}\n';

function mkfifo(path: string): boolean {
  const r = spawnSync('mkfifo', [path]);
  return r.status === 0;
}

describe('side files are read only when they are small regular files', () => {
  it('readLimited refuses FIFOs, devices and directories, and stops reading past the limit', () => {
    const dir = makeTree({ 'small.txt': 'abc', 'big.txt': 'x'.repeat(5000) });
    expect(readLimited(join(dir, 'small.txt'), 10)).toMatchObject({ ok: true, size: 3 });
    expect(readLimited(join(dir, 'big.txt'), 4096)).toMatchObject({ ok: false, reason: 'too-large', size: 5000 });
    expect(readLimited('/dev/zero', 4096)).toMatchObject({ ok: false, reason: 'not-file', directory: false });
    expect(readLimited(dir, 4096)).toMatchObject({ ok: false, reason: 'not-file', directory: true });
    expect(readLimited(join(dir, 'missing'), 10)).toMatchObject({ ok: false, reason: 'error' });
    if (mkfifo(join(dir, 'fifo'))) expect(readLimited(join(dir, 'fifo'), 10)).toMatchObject({ ok: false, reason: 'not-file' });
  });

  it('a FIFO named .gitignore or .dockerignore does not hang the run', () => {
    const dir = makeTree({ 'svc/Dockerfile': CHAINABLE });
    if (!mkfifo(join(dir, '.gitignore')) || !mkfifo(join(dir, 'svc/.dockerignore'))) return;
    const r = runChain([], { cwd: dir, timeoutMs: 20_000 });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'svc/Dockerfile'), 'utf8')).toBe(CHAINED);
  });

  it('a .gitignore or build-context file linked to /dev/zero is not read', () => {
    const dir = makeTree({ 'svc/Dockerfile': NPM_DOCKERFILE, 'svc/package-lock.json': LOCK, 'svc/.dockerignore': 'node_modules\n', 'svc/index.js': '' });
    symlinkSync('/dev/zero', join(dir, '.gitignore'));
    symlinkSync('/dev/zero', join(dir, 'svc/package.json'));
    const r = runCli(['--dry-run', '-t', 'deps-copy-first', '.'], { cwd: dir, timeoutMs: 20_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });
});

describe('the build context is a jail', () => {
  /** A context whose package.json is a symlink to `target`, beside a lockfile and a source file. */
  function contextLinkedTo(target: (dir: string) => string): string {
    const dir = makeTree({ 'outside/package.json': PACKAGE_JSON.replace('"app"', '"SECRET-OUTSIDE"'), 'app/package-lock.json': LOCK, 'app/.dockerignore': 'node_modules\n', 'app/index.js': '', 'app/Dockerfile': NPM_DOCKERFILE });
    symlinkSync(target(dir), join(dir, 'app/package.json'));
    return dir;
  }

  it('a context file linked inside the context is read (the control case)', () => {
    const dir = makeTree({ 'app/real/package.json': PACKAGE_JSON, 'app/package-lock.json': LOCK, 'app/.dockerignore': 'node_modules\n', 'app/index.js': '', 'app/Dockerfile': NPM_DOCKERFILE });
    symlinkSync('real/package.json', join(dir, 'app/package.json'));
    const r = runCli(['--dry-run', '-t', 'deps-copy-first', 'app'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('+COPY package.json package-lock.json ./');
  });

  it('a context file linked outside the context reads as missing, and nothing of it shows', () => {
    const dir = contextLinkedTo((d) => join(d, 'outside/package.json'));
    const r = runCli(['--dry-run', '--verbose', '-t', 'deps-copy-first', 'app'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('COPY package.json');
    expect(r.stdout + r.stderr).not.toContain('SECRET-OUTSIDE');
    // The same with a relative link that climbs out, and with --context naming the directory.
    const rel = contextLinkedTo(() => '../outside/package.json');
    const r2 = runCli(['--dry-run', '-t', 'deps-copy-first', '--context', 'app', 'app/Dockerfile'], { cwd: rel });
    expect(r2.stdout).not.toContain('COPY package.json');
  });

  it('a context file linked to /etc/shadow is never opened', () => {
    const dir = contextLinkedTo(() => '/etc/shadow');
    const trace = join(dir, 'trace.txt');
    const hasStrace = spawnSync('strace', ['-V']).status === 0;
    if (!hasStrace) console.warn('strace is not installed: the /etc/shadow case only checks the output');
    const args = ['--dry-run', '-t', 'deps-copy-first', 'app'];
    const r = hasStrace
      ? spawnSync('strace', ['-f', '-e', 'trace=open,openat,openat2', '-o', trace, process.execPath, CLI, ...args], { cwd: dir, encoding: 'utf8' })
      : spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('COPY package.json');
    if (hasStrace) {
      const opened = readFileSync(trace, 'utf8');
      // The trace does see the context's other files opened: it would see this one.
      expect(opened).toContain('.dockerignore');
      // Opening the link opens its target: neither may appear.
      expect(opened).not.toContain('app/package.json"');
      expect(opened).not.toContain('/etc/shadow');
    }
  });
});

describe('stdin', () => {
  it('a directory on stdin is a one-line error, exit 2', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" - < /`], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('<stdin>: error: stdin is a directory, not a Dockerfile\n');
    expect(r.stdout).toBe('');
  });

  it('an endless stdin stops at the size limit, exit 2', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" - < /dev/zero`], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^<stdin>: error: stdin holds more than the 1 MiB limit/);
  });

  it('stdin from a pipe or a file still works', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    expect(runChain(['-'], { cwd: dir, input: CHAINABLE }).stdout).toBe(CHAINED);
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" -t chain-runs - < Dockerfile`], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout).toBe(CHAINED);
    expect(existsSync(join(dir, 'Dockerfile'))).toBe(true);
  });
});

