import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
