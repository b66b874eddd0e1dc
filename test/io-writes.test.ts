import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { chmodSync, chownSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../src/runner/process.js';
import { isTempName, removePendingTemp, setPendingTemp, tempPathFor } from '../src/runner/temp-files.js';
import { CHAINABLE, CHAINED, changedPaths, CLI, cliEnv, ensureBuilt, makeTree, removeTrees, runChain } from './helpers/cli.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');
const has = (tool: string, arg = '--version') => spawnSync(tool, [arg], { stdio: 'ignore' }).status === 0;
const tempsIn = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

describe('writes stay inside the trees being processed', () => {
  it('a Dockerfile symlinked to a file outside is skipped with the reason, in every mode, and not touched', () => {
    const outside = makeTree({ 'Dockerfile.base': CHAINABLE });
    const dir = makeTree({ 'good/Dockerfile': CHAINABLE });
    mkdirSync(join(dir, 'svc'));
    symlinkSync(join(outside, 'Dockerfile.base'), join(dir, 'svc/Dockerfile'));
    for (const args of [[], ['--dry-run'], ['svc/Dockerfile', 'good']]) {
      const r = runChain(args, { cwd: dir });
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('svc/Dockerfile: skipped: a symlink to a file outside the directories being processed');
      expect(r.stdout).not.toContain('svc/Dockerfile');
    }
    expect(read(outside, 'Dockerfile.base')).toBe(CHAINABLE);
    expect(read(dir, 'good/Dockerfile')).toBe(CHAINED);
    // Named on the command line itself, the outside file is processed.
    expect(runChain([join(outside, 'Dockerfile.base')], { cwd: dir }).status).toBe(0);
    expect(read(outside, 'Dockerfile.base')).toBe(CHAINED);
  });

  it('a symlink to a file elsewhere in the same repository is written through', () => {
    const dir = makeTree({ 'shared/Dockerfile.base': CHAINABLE, 'svc/x': '' });
    mkdirSync(join(dir, '.git'));
    symlinkSync('../shared/Dockerfile.base', join(dir, 'svc/Dockerfile'));
    const r = runChain(['.'], { cwd: join(dir, 'svc') });
    expect(r.status).toBe(0);
    expect(read(dir, 'shared/Dockerfile.base')).toBe(CHAINED);
  });
});

describe('diff headers that git apply and patch -p1 accept', () => {
  const tools = has('git') && has('patch');

  /** Check the diff applies with both tools in `root`, then really apply it with patch and compare. */
  function expectApplies(root: string, diff: string, file: string): void {
    const git = spawnSync('git', ['apply', '--check', '-'], { cwd: root, input: diff, encoding: 'utf8' });
    expect(git.stderr).toBe('');
    expect(git.status).toBe(0);
    const dry = spawnSync('patch', ['-p1', '--dry-run'], { cwd: root, input: diff, encoding: 'utf8' });
    expect(dry.status, dry.stdout + dry.stderr).toBe(0);
    expect(spawnSync('patch', ['-p1', '-s'], { cwd: root, input: diff }).status).toBe(0);
    expect(readFileSync(join(root, file), 'utf8')).toBe(CHAINED);
  }

  it.skipIf(!tools)('names with spaces, quotes, backslashes and newlines', () => {
    const headers: string[] = [];
    for (const name of ['my dir/Docker file', 'q"uote\\d/Dockerfile', 'new\nline/Dockerfile', 'tab\there/Dockerfile', 'café/Dockerfile']) {
      const dir = makeTree({ [name]: CHAINABLE });
      const r = runChain(['--dry-run', name], { cwd: dir });
      expect(r.status).toBe(0);
      headers.push(r.stdout.split('\n')[0]);
      expectApplies(dir, r.stdout, name);
    }
    expect(headers).toEqual([
      '--- a/my dir/Docker file\t',
      '--- "a/q\\"uote\\\\d/Dockerfile"',
      '--- "a/new\\nline/Dockerfile"',
      '--- "a/tab\\there/Dockerfile"',
      '--- a/café/Dockerfile',
    ]);
  });

  it.skipIf(!tools)('a file outside the current directory: named from its repository root (or /), with no ..', () => {
    const dir = makeTree({ 'app/Dockerfile': CHAINABLE, 'tools/x': '' });
    mkdirSync(join(dir, '.git'));
    const r = runChain(['--dry-run', '../app/Dockerfile'], { cwd: join(dir, 'tools') });
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['--- a/app/Dockerfile', '+++ b/app/Dockerfile']);
    expect(r.stderr).toContain('relative to its repository root');
    expectApplies(dir, r.stdout, 'app/Dockerfile');

    const loose = makeTree({ 'app/Dockerfile': CHAINABLE, 'tools/x': '' });
    const r2 = runChain(['--dry-run', '../app/Dockerfile'], { cwd: join(loose, 'tools') });
    expect(r2.stdout.split('\n')[0]).toBe(`--- a${join(loose, 'app/Dockerfile')}`);
    expect(r2.stdout).not.toContain('/../');
    expect(spawnSync('patch', ['-p1', '--dry-run'], { cwd: '/', input: r2.stdout }).status).toBe(0);
  });
});

describe('files that must keep what a rename would lose', () => {
  it.skipIf(!isRoot)('a file the user cannot write is refused ("not writable", exit 2), even in a writable directory', () => {
    const dir = makeTree({ 'ro/Dockerfile': CHAINABLE, 'good/Dockerfile': CHAINABLE });
    for (const p of [dir, join(dir, 'ro'), join(dir, 'good'), join(dir, 'good/Dockerfile')]) chownSync(p, NOBODY, NOBODY);
    // ro/Dockerfile stays root's, 0644: nobody could rename a new file over it, as its directory is nobody's.
    const r = runChain([], { cwd: dir, uid: NOBODY, gid: NOBODY });
    expect(r.stderr).toContain('ro/Dockerfile: error: cannot write: not writable (no write permission on the file); not written');
    expect(r.status).toBe(2);
    expect(read(dir, 'ro/Dockerfile')).toBe(CHAINABLE);
    expect(statSync(join(dir, 'ro/Dockerfile')).uid).toBe(0);
    expect(read(dir, 'good/Dockerfile')).toBe(CHAINED);
  });

  it('hard links are kept: every name sees the new content, the inode stays', () => {
    const dir = makeTree({ 'a/Dockerfile': CHAINABLE });
    mkdirSync(join(dir, 'b'));
    linkSync(join(dir, 'a/Dockerfile'), join(dir, 'b/Dockerfile.copy'));
    const ino = statSync(join(dir, 'a/Dockerfile')).ino;
    const r = runChain(['a/Dockerfile'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(read(dir, 'a/Dockerfile')).toBe(CHAINED);
    expect(read(dir, 'b/Dockerfile.copy')).toBe(CHAINED);
    expect(statSync(join(dir, 'a/Dockerfile')).ino).toBe(ino);
    expect(statSync(join(dir, 'a/Dockerfile')).nlink).toBe(2);
    expect(tempsIn(join(dir, 'a'))).toEqual([]);
  });

  const xattrTools = has('setfattr') && has('getfattr');
  it.skipIf(!xattrTools)('extended attributes are kept', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const file = join(dir, 'Dockerfile');
    if (spawnSync('setfattr', ['-n', 'user.origin', '--verbose', 'kept', file]).status !== 0) return console.warn('no user xattrs on this file system');
    expect(runChain([], { cwd: dir }).status).toBe(0);
    expect(read(dir, 'Dockerfile')).toBe(CHAINED);
    expect(spawnSync('getfattr', ['--only-values', '-n', 'user.origin', file], { encoding: 'utf8' }).stdout).toBe('kept');
  });
  if (!xattrTools) console.warn('getfattr/setfattr (package attr) not installed: extended attribute test skipped');

  const aclTools = has('setfacl', '--version') && has('getfacl', '--version') && has('getfattr');
  it.skipIf(!aclTools)('POSIX ACLs are kept', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const file = join(dir, 'Dockerfile');
    if (spawnSync('setfacl', ['-m', `u:${NOBODY}:rw`, file]).status !== 0) return console.warn('no ACLs on this file system');
    expect(runChain([], { cwd: dir }).status).toBe(0);
    expect(read(dir, 'Dockerfile')).toBe(CHAINED);
    expect(spawnSync('getfacl', ['-p', '-n', file], { encoding: 'utf8' }).stdout).toContain(`user:${NOBODY}:rw-`);
  });
  if (!aclTools) console.warn('getfacl/setfacl (package acl) or getfattr not installed: ACL test skipped');

  it('without extended attributes or links, the file is replaced by a rename (new inode) with its mode', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    chmodSync(join(dir, 'Dockerfile'), 0o640);
    const ino = statSync(join(dir, 'Dockerfile')).ino;
    expect(runChain([], { cwd: dir }).status).toBe(0);
    expect(statSync(join(dir, 'Dockerfile')).ino).not.toBe(ino);
    expect(statSync(join(dir, 'Dockerfile')).mode & 0o7777).toBe(0o640);
  });
});

describe('temporary files', () => {
  it('a name near NAME_MAX gets a short temporary name, and is written', () => {
    const name = `${'x'.repeat(240)}.Dockerfile`;
    expect(Buffer.byteLength(name)).toBe(251);
    expect(Buffer.byteLength((tempPathFor(`/d/${name}`) as string).slice(3))).toBeLessThanOrEqual(255);
    expect(isTempName((tempPathFor(`/d/${name}`) as string).slice(3))).toBe(true);
    expect(isTempName((tempPathFor('/d/Dockerfile') as string).slice(3))).toBe(true);
    const dir = makeTree({ [name]: CHAINABLE });
    const r = runChain([], { cwd: dir });
    expect(r.stderr).toBe(`fixed ${name}: 1 fix (chain-runs)\n1 file checked: 1 changed, 1 fix applied, 0 fixes skipped\n`);
    expect(read(dir, name)).toBe(CHAINED);
    expect(readdirSync(dir)).toEqual([name]);
  });

  it("a write run removes this tool's temporary files older than a minute, and nothing else", () => {
    const stale = '.Dockerfile.4242.0123456789ab.docker-codemod.tmp';
    const staleShort = '.4242.ba9876543210.docker-codemod.tmp';
    const fresh = '.Dockerfile.4243.0123456789ab.docker-codemod.tmp';
    const other = '.Dockerfile.tmp';
    const dir = makeTree({ Dockerfile: CHAINABLE, [stale]: 'x', [staleShort]: 'x', [fresh]: 'x', [other]: 'x' });
    const old = Date.now() / 1000 - 120;
    for (const n of [stale, staleShort, other]) utimesSync(join(dir, n), old, old);
    // A dry run writes nothing, so removes nothing.
    runChain(['--dry-run'], { cwd: dir });
    expect(readdirSync(dir).sort()).toEqual([stale, staleShort, fresh, other, 'Dockerfile'].sort());
    expect(runChain([], { cwd: dir }).status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([fresh, other, 'Dockerfile'].sort());
  });

  it.skipIf(!has('strace', '-V'))('the temporary file is flushed before the rename, the directory after', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const trace = join(dir, '..', `${dir.split('/').pop()}.trace`);
    const r = spawnSync('strace', ['-f', '-e', 'trace=fsync,rename,renameat,renameat2', '-o', trace, process.execPath, CLI, '-t', 'chain-runs', '.'], {
      cwd: dir,
      env: cliEnv(),
    });
    expect(r.status).toBe(0);
    const calls = readFileSync(trace, 'utf8')
      .split('\n')
      .map((l) => /\b(fsync|rename\w*)\(/.exec(l)?.[1])
      .filter(Boolean);
    fs.rmSync(trace);
    const at = calls.findIndex((c) => c!.startsWith('rename'));
    expect(at).toBeGreaterThan(0);
    expect(calls[at - 1]).toBe('fsync');
    expect(calls[at + 1]).toBe('fsync');
  });

  it('the signal handler removes the temporary file being written', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const tmp = tempPathFor(join(dir, 'Dockerfile')) as string;
    writeFileSync(tmp, 'partial');
    setPendingTemp(tmp);
    removePendingTemp();
    expect(readdirSync(dir)).toEqual(['Dockerfile']);
    removePendingTemp();
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s mid-run: exits %i with the summary so far, no temporary file left, every file whole', async (signal, status) => {
    const files = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`d${i}/Dockerfile`, CHAINABLE]));
    const dir = makeTree(files);
    const child = spawn(process.execPath, [CLI, '-t', 'chain-runs', '.'], { cwd: dir, env: cliEnv() });
    let stderr = '';
    const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (/^fixed /m.test(stderr) && !child.killed) child.kill(signal);
    });
    const code = await done;
    expect(code).toBe(status);
    expect(stderr).toMatch(/^interrupted; \d+ files? checked: \d+ changed/m);
    const contents = Object.keys(files).map((p) => read(dir, p));
    expect(contents.every((c) => c === CHAINABLE || c === CHAINED)).toBe(true);
    expect(contents.filter((c) => c === CHAINED).length).toBe(changedPaths(stderr).length);
    expect(contents.filter((c) => c === CHAINABLE).length).toBeGreaterThan(0);
    for (const p of Object.keys(files)) expect(tempsIn(join(dir, p, '..'))).toEqual([]);
  });
});

describe('size limit on output', () => {
  it('a file under the limit whose result would pass it is left as it is, with the reason; never made unprocessable', () => {
    // Each pair of RUNs grows by 9 bytes when chained.
    const body = 'RUN a\nRUN b\n#\n'.repeat(Math.floor((MAX_FILE_BYTES - 100) / 14));
    const input = `FROM debian\n${body}`;
    expect(input.length).toBeLessThan(MAX_FILE_BYTES);
    const dir = makeTree({ 'big/Dockerfile': input, 'good/Dockerfile': CHAINABLE });
    // About the size limit, not the time limit: 75,000 RUN pairs take longer than the default 10 s on a loaded machine.
    const r = runChain(['--timeout', '0'], { cwd: dir, timeoutMs: 120_000 });
    expect(r.stderr).toMatch(/^big\/Dockerfile: error: the result would be 1\.\d\d MiB, over the 1 MiB limit/m);
    expect(r.status).toBe(2);
    expect(read(dir, 'big/Dockerfile')).toBe(input);
    expect(read(dir, 'good/Dockerfile')).toBe(CHAINED);
  }, 180_000);
});

