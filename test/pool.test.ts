import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processFiles, type JobResult } from '../src/runner/pool.js';
import { CHAINABLE, CHAINED, ensureBuilt, makeTree, removeTrees, runChain } from './helpers/cli.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

/** 120 files: every third one changes, every seventh is not a Dockerfile (an error), in nested folders. */
function manyFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 120; i++) {
    const name = `svc${String(i).padStart(3, '0')}/Dockerfile`;
    files[name] = i % 7 === 0 ? 'RUN no from here\n' : i % 3 === 0 ? CHAINABLE : `FROM debian\nRUN echo ${i}\n`;
  }
  return files;
}

describe('worker pool', () => {
  it('prints the same diffs, reports and exit code as one thread', () => {
    const dir = makeTree(manyFiles());
    const one = runChain(['--dry-run', '.'], { cwd: dir, timeoutMs: 120_000 });
    const pool = runChain(['--dry-run', '--jobs', '2', '.'], { cwd: dir, timeoutMs: 120_000 });
    expect(one.status).toBe(2);
    expect(pool.status).toBe(2);
    expect(pool.stdout).toBe(one.stdout);
    expect(pool.stderr).toBe(one.stderr);
    expect(one.stdout.match(/^\+\+\+ b\//gm)?.length).toBe(40 - 6);
  });

  it('writes the same files as one thread', () => {
    const dir = makeTree(manyFiles());
    const r = runChain(['-j', '2', '.'], { cwd: dir, timeoutMs: 120_000 });
    expect(r.status).toBe(2);
    for (let i = 0; i < 120; i++) {
      const text = readFileSync(join(dir, `svc${String(i).padStart(3, '0')}/Dockerfile`), 'utf8');
      const expected = i % 7 === 0 ? 'RUN no from here\n' : i % 3 === 0 ? CHAINED : `FROM debian\nRUN echo ${i}\n`;
      expect(text).toBe(expected);
    }
  });
});

describe('worker pool when a worker dies', () => {
  const script = new URL('./helpers/crashing-worker.mjs', import.meta.url);
  const setup = { transformIds: [], options: {} };
  const run = async (paths: string[], workers: number) => {
    const out: JobResult[] = [];
    for await (const r of processFiles(paths.map((path) => ({ path, contextDir: null })), setup, workers, script)) out.push(r);
    return out;
  };

  const crashed = { status: 'error', message: 'internal error: worker exited with code 3', internal: true };

  it('fails only the file that kills a worker: the others it held are tried again, alone', async () => {
    // One worker holds 8 files at once: 12 to 19 were in flight when it died on 12.
    const paths = Array.from({ length: 30 }, (_, i) => (i === 12 ? 'f12-crash' : `f${i}`));
    const out = await run(paths, 1);
    expect(out).toHaveLength(30);
    out.forEach((r, i) => expect(r).toEqual(i === 12 ? crashed : { status: 'note', message: `read f${i}` }));
  });

  it('goes on after several such files, with several workers', async () => {
    const bad = new Set([0, 9, 10, 33]);
    const paths = Array.from({ length: 40 }, (_, i) => (bad.has(i) ? `crash${i}` : `f${i}`));
    const out = await run(paths, 2);
    expect(out).toHaveLength(40);
    out.forEach((r, i) => expect(r).toEqual(bad.has(i) ? crashed : { status: 'note', message: `read f${i}` }));
  });

  it('gives up on the files left when workers keep dying without finishing one, without hanging', async () => {
    const paths = Array.from({ length: 50 }, (_, i) => `crash${i}`);
    const out = await run(paths, 2);
    expect(out).toHaveLength(50);
    for (const r of out) expect(r).toMatchObject({ status: 'error', internal: true });
  });
});

describe('worker pool with a time limit per file', () => {
  const script = new URL('./helpers/slow-worker.mjs', import.meta.url);
  const run = async (paths: string[], workers: number, timeoutMs: number) => {
    const out: JobResult[] = [];
    const setup = { transformIds: [], options: {}, timeoutMs };
    for await (const r of processFiles(paths.map((path) => ({ path, contextDir: null })), setup, workers, script)) out.push(r);
    return out;
  };
  const timedOut = { status: 'error', message: 'timed out after 0.3 s; left untouched', internal: false };

  it('stops a file that runs over, reports it, and finishes the others it held in a new worker', async () => {
    const paths = Array.from({ length: 30 }, (_, i) => (i === 4 ? 'slow4' : `f${i}`));
    const t = performance.now();
    const out = await run(paths, 1, 300);
    expect(performance.now() - t).toBeLessThan(20_000);
    expect(out).toHaveLength(30);
    out.forEach((r, i) => expect(r).toEqual(i === 4 ? timedOut : { status: 'note', message: `read f${i}` }));
  });

  it('goes on after many such files, with several workers, and never gives up on the rest', async () => {
    const slow = new Set([0, 1, 2, 3, 9, 17, 18, 39]);
    const paths = Array.from({ length: 40 }, (_, i) => (slow.has(i) ? `slow${i}` : `f${i}`));
    const out = await run(paths, 2, 300);
    expect(out).toHaveLength(40);
    out.forEach((r, i) => expect(r).toEqual(slow.has(i) ? timedOut : { status: 'note', message: `read f${i}` }));
  });

  it('with no limit (0), every file is served as before', async () => {
    const out = await run(['a', 'b'], 1, 0);
    expect(out).toEqual([{ status: 'note', message: 'read a' }, { status: 'note', message: 'read b' }]);
  });
});
