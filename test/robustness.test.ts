import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atomicWrite, type WriteFs } from '../src/runner/write.js';
import { MAX_FILE_BYTES, processText } from '../src/runner/process.js';
import { initShell } from '../src/model/shell.js';
import { makeColors } from '../src/report/color.js';
import { problemLine } from '../src/report/text.js';
import type { Transform } from '../src/transform-types.js';
import { CHAINABLE, CHAINED, changedPaths, CLI, ensureBuilt, makeTree, removeTrees, runChain } from './helpers/cli.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Every robustness case sits beside a good file, which must still be fixed. */
function withGood(files: Record<string, string | Buffer>): string {
  return makeTree({ 'good/Dockerfile': CHAINABLE, ...files });
}

function expectGoodFixed(dir: string): void {
  expect(read(dir, 'good/Dockerfile')).toBe(CHAINED);
}

const lines = (stderr: string, path: string) => stderr.split('\n').filter((l) => l.startsWith(`${path}:`));

describe('unusual inputs', () => {
  it('a binary file (NUL byte) is skipped with a note; not a failure', () => {
    const dir = withGood({ 'bin/Dockerfile': Buffer.from('FROM debian\nRUN a\0\nRUN b\n') });
    const r = runChain([], { cwd: dir });
    expect(lines(r.stderr, 'bin/Dockerfile')).toEqual(['bin/Dockerfile: binary file, skipped']);
    expect(r.status).toBe(0);
    expectGoodFixed(dir);
  });

  it('invalid UTF-8 is an error naming the line (exit 2), the file untouched', () => {
    const bytes = Buffer.concat([Buffer.from('FROM debian\n# caf'), Buffer.from([0xe9]), Buffer.from('\nRUN a\nRUN b\n')]);
    const dir = withGood({ 'latin1/Dockerfile': bytes });
    const r = runChain([], { cwd: dir });
    expect(lines(r.stderr, 'latin1/Dockerfile')).toEqual([expect.stringMatching(/^latin1\/Dockerfile: error: not valid UTF-8 text \(line 2\)/)]);
    expect(r.status).toBe(2);
    expect(readFileSync(join(dir, 'latin1/Dockerfile'))).toEqual(bytes);
    expectGoodFixed(dir);
  });

  it('a UTF-8 BOM is kept', () => {
    const dir = withGood({ 'bom/Dockerfile': Buffer.concat([BOM, Buffer.from(CHAINABLE)]) });
    const r = runChain([], { cwd: dir });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'bom/Dockerfile'))).toEqual(Buffer.concat([BOM, Buffer.from(CHAINED)]));
  });

  it('an empty file gets a note, not a failure', () => {
    const dir = withGood({ 'empty/Dockerfile': '', 'bom-only/Dockerfile': BOM });
    const r = runChain([], { cwd: dir });
    expect(lines(r.stderr, 'empty/Dockerfile')).toEqual(['empty/Dockerfile: empty file, nothing to do']);
    expect(lines(r.stderr, 'bom-only/Dockerfile')).toEqual(['bom-only/Dockerfile: empty file, nothing to do']);
    expect(r.status).toBe(0);
    expect(read(dir, 'empty/Dockerfile')).toBe('');
    expectGoodFixed(dir);
  });

  it('a file with no FROM is an error line (exit 2)', () => {
    const dir = withGood({ 'nofrom/Dockerfile': 'RUN a\nRUN b\n' });
    const r = runChain([], { cwd: dir });
    expect(lines(r.stderr, 'nofrom/Dockerfile')).toEqual(['nofrom/Dockerfile: error: no FROM instruction: not a Dockerfile']);
    expect(r.status).toBe(2);
    expect(read(dir, 'nofrom/Dockerfile')).toBe('RUN a\nRUN b\n');
    expectGoodFixed(dir);
  });

  it(
    isRoot ? 'an unreadable file is an error (exit 2), run as uid nobody since root reads anything' : 'an unreadable file is an error (exit 2)',
    () => {
      const dir = withGood({ 'locked/Dockerfile': CHAINABLE });
      chmodSync(join(dir, 'locked/Dockerfile'), 0o000);
      if (isRoot) {
        // The good file must be writable by nobody too.
        for (const p of [dir, join(dir, 'good'), join(dir, 'locked')]) fs.chownSync(p, NOBODY, NOBODY);
        fs.chownSync(join(dir, 'good/Dockerfile'), NOBODY, NOBODY);
      }
      const r = runChain([], { cwd: dir, ...(isRoot ? { uid: NOBODY, gid: NOBODY } : {}) });
      expect(lines(r.stderr, 'locked/Dockerfile')).toEqual(['locked/Dockerfile: error: cannot read: permission denied']);
      expect(r.status).toBe(2);
      expectGoodFixed(dir);
    },
  );

  it.skipIf(!isRoot)('a file that cannot be written is an error (exit 2), the original kept (as uid nobody)', () => {
    const dir = withGood({ 'ro/Dockerfile': CHAINABLE });
    for (const p of [dir, join(dir, 'good'), join(dir, 'good/Dockerfile')]) fs.chownSync(p, NOBODY, NOBODY);
    // ro/ stays root-owned 0755: nobody can read the file but not create the temporary file beside it.
    const r = runChain([], { cwd: dir, uid: NOBODY, gid: NOBODY });
    expect(lines(r.stderr, 'ro/Dockerfile')).toEqual(['ro/Dockerfile: error: cannot write: not writable (no write permission on the file); not written']);
    expect(r.status).toBe(2);
    expect(read(dir, 'ro/Dockerfile')).toBe(CHAINABLE);
    expect(readdirSync(join(dir, 'ro'))).toEqual(['Dockerfile']);
    expectGoodFixed(dir);
  });

  it('a directory named Dockerfile is skipped silently when found, an error when named (a trailing / searches it)', () => {
    const dir = withGood({ 'svc/Dockerfile/Dockerfile.inner': CHAINABLE });
    const found = runChain([], { cwd: dir });
    expect(found.status).toBe(0);
    expect(found.stderr).not.toMatch(/^svc\/Dockerfile:/m);
    expect(changedPaths(found.stderr)).toEqual(['good/Dockerfile', 'svc/Dockerfile/Dockerfile.inner']);

    const dir2 = withGood({ 'svc/Dockerfile/x.txt': 'x' });
    const named = runChain(['svc/Dockerfile', 'good'], { cwd: dir2 });
    expect(named.status).toBe(2);
    expect(lines(named.stderr, 'svc/Dockerfile')).toEqual([expect.stringContaining('svc/Dockerfile: error: is a directory')]);
    expectGoodFixed(dir2);
    expect(runChain(['svc/Dockerfile/'], { cwd: dir2 }).stderr).toContain('no Dockerfiles found');
    // Run from inside it, the default `.` is searched.
    const inside = runChain([], { cwd: join(dir2, 'svc/Dockerfile') });
    expect(inside.status).toBe(0);
    expect(inside.stderr).toContain('no Dockerfiles found');
  });

  it('a symlink loop is an error, without hanging; symlinked directories are not followed', () => {
    const dir = withGood({ 'sub/Dockerfile.real': CHAINABLE });
    symlinkSync('Dockerfile.loop', join(dir, 'sub/Dockerfile.loop'));
    symlinkSync('..', join(dir, 'sub/up'));
    symlinkSync('.', join(dir, 'sub/self'));
    symlinkSync('missing', join(dir, 'sub/Dockerfile.dangling'));
    const r = runChain([], { cwd: dir, timeoutMs: 20_000 });
    expect(r.status).toBe(2);
    expect(lines(r.stderr, 'sub/Dockerfile.loop')).toEqual([expect.stringContaining('symlink loop')]);
    expect(lines(r.stderr, 'sub/Dockerfile.dangling')).toEqual([expect.stringContaining('no such file')]);
    expect(changedPaths(r.stderr)).toEqual(['good/Dockerfile', 'sub/Dockerfile.real']);
    // Named explicitly too.
    const named = runChain(['sub/Dockerfile.loop'], { cwd: dir, timeoutMs: 20_000 });
    expect(named.status).toBe(2);
    expect(named.stderr).toContain('symlink loop');
  });

  it('a FIFO named Dockerfile does not block: skipped when found, an error when named', () => {
    const dir = withGood({});
    mkdirSync(join(dir, 'pipe'));
    const mk = spawnSync('mkfifo', [join(dir, 'pipe/Dockerfile')]);
    if (mk.status !== 0) return;
    const found = runChain([], { cwd: dir, timeoutMs: 20_000 });
    expect(found.status).toBe(0);
    expectGoodFixed(dir);
    const named = runChain(['pipe/Dockerfile'], { cwd: dir, timeoutMs: 20_000 });
    expect(named.status).toBe(2);
    expect(named.stderr).toContain('pipe/Dockerfile: error: not a regular file');
  });

  it('a 5 MB file is refused with the size limit named (exit 2); a file just under the limit is processed', () => {
    const big = `FROM debian\nRUN a\nRUN b\n${'# padding line of a generated file\n'.repeat(150_000)}`;
    expect(big.length).toBeGreaterThan(5_000_000);
    const under = `FROM debian\nRUN a\nRUN b\n${'#'.repeat(99)}\n`.padEnd(MAX_FILE_BYTES - 1000, '#\n');
    const dir = withGood({ 'big/Dockerfile': big, 'under/Dockerfile': under });
    const r = runChain([], { cwd: dir, timeoutMs: 60_000 });
    expect(lines(r.stderr, 'big/Dockerfile')).toEqual([
      expect.stringMatching(/^big\/Dockerfile: error: file is 5\.\d MiB, over the 1 MiB limit/),
    ]);
    expect(r.status).toBe(2);
    expect(read(dir, 'big/Dockerfile')).toBe(big);
    expect(read(dir, 'under/Dockerfile').startsWith(CHAINED)).toBe(true);
    expectGoodFixed(dir);
  });

  it('stdout closed early (| head -1) ends quietly with exit 0', () => {
    const files = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`f${String(i).padStart(3, '0')}.Dockerfile`, CHAINABLE]));
    const dir = makeTree(files);
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" -t chain-runs --dry-run . | head -1; echo "status=\${PIPESTATUS[0]}" >&2`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stdout).toBe('--- a/f000.Dockerfile\n');
    expect(r.stderr).toContain('status=0');
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
    // --check keeps its exit code though nobody reads the diffs.
    const c = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" -t chain-runs --check --dry-run . 2>/dev/null | head -1; echo "status=\${PIPESTATUS[0]}" >&2`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(c.stderr).toContain('status=1');
  });
});

describe('engine failures', () => {
  it('a fix that breaks an invariant (VerifyError) is an internal error asking for a report; no output', async () => {
    await initShell();
    // Deletes the first comment: the engine's verification must catch it.
    const breaker: Transform = {
      id: 'breaker',
      description: 'test only',
      hadolint: [],
      defaultOn: false, tier: 'safe',
      run: (m) => ({
        fixes: m.comments.slice(0, 1).map((c) => ({ message: 'drop', line: 1, edits: [{ start: c.start, end: c.end, text: '' }], touches: [] })),
        skips: [],
      }),
    };
    const r = processText('FROM debian\n# keep me\nRUN a\n', { transforms: [breaker] });
    expect(r).toMatchObject({ status: 'error', internal: true });
    if (r.status !== 'error') return;
    const line = problemLine({ path: 'svc/Dockerfile', changed: false, fixes: [], skipped: [], error: r.message, internal: true }, makeColors(false));
    expect(line).toMatch(/^svc\/Dockerfile: internal error: .*comment.*left untouched; please report/);
  });

  it('text that is not a Dockerfile (InputError) is a plain error', async () => {
    await initShell();
    expect(processText('RUN a\n', { transforms: [] })).toMatchObject({ status: 'error', internal: false });
  });
});

describe('atomic writes', () => {
  it('keep the file mode and leave no temporary file', () => {
    const dir = makeTree({ 'a/Dockerfile': CHAINABLE, 'b/Dockerfile': CHAINABLE });
    chmodSync(join(dir, 'a/Dockerfile'), 0o640);
    chmodSync(join(dir, 'b/Dockerfile'), 0o755);
    expect(runChain([], { cwd: dir }).status).toBe(0);
    expect(statSync(join(dir, 'a/Dockerfile')).mode & 0o7777).toBe(0o640);
    expect(statSync(join(dir, 'b/Dockerfile')).mode & 0o7777).toBe(0o755);
    expect(read(dir, 'a/Dockerfile')).toBe(CHAINED);
    expect(readdirSync(join(dir, 'a'))).toEqual(['Dockerfile']);
  });

  it('write through a symlink: the link stays, its target changes', () => {
    const dir = makeTree({ 'shared/Dockerfile.base': CHAINABLE });
    mkdirSync(join(dir, 'svc'));
    symlinkSync('../shared/Dockerfile.base', join(dir, 'svc/Dockerfile'));
    const r = runChain(['svc/Dockerfile'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(lstatSync(join(dir, 'svc/Dockerfile')).isSymbolicLink()).toBe(true);
    expect(read(dir, 'shared/Dockerfile.base')).toBe(CHAINED);
  });

  it('keep the original and remove the temporary file when the rename fails', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const file = join(dir, 'Dockerfile');
    const failing: WriteFs = {
      ...fs,
      renameSync: () => {
        throw Object.assign(new Error('EXDEV: simulated rename failure'), { code: 'EXDEV' });
      },
    };
    expect(() => atomicWrite(file, CHAINED, undefined, failing)).toThrow(/simulated/);
    expect(readFileSync(file, 'utf8')).toBe(CHAINABLE);
    expect(readdirSync(dir)).toEqual(['Dockerfile']);
  });

  it('refuse to write over a file that changed since it was read', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const file = join(dir, 'Dockerfile');
    const st = statSync(file);
    writeFileSync(file, CHAINABLE + '# edited\n');
    expect(() => atomicWrite(file, CHAINED, { size: st.size, mtimeMs: st.mtimeMs })).toThrow(/changed while/);
    expect(readFileSync(file, 'utf8')).toBe(CHAINABLE + '# edited\n');
  });
});
