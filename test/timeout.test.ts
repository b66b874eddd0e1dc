import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAINABLE, CHAINED, ensureBuilt, makeTree, removeTrees, runCli } from './helpers/cli.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

/**
 * A Dockerfile that takes far longer than the 1 s limit the tests set, even on a quiet machine: 30,000 ARGs before two
 * RUNs (each instruction's variable table grows with the ARGs before it; about 20 s without a limit).
 */
const SLOW = `FROM debian:12\n${Array.from({ length: 30000 }, (_, i) => `ARG A${i}=1\n`).join('')}RUN a\nRUN b\n`;

describe('--timeout', () => {
  it('reports a file that runs over as an error, leaves it untouched, and goes on with the others', () => {
    const dir = makeTree({ 'a/Dockerfile': CHAINABLE, 'b/Dockerfile': SLOW, 'c/Dockerfile': CHAINABLE });
    const t = performance.now();
    const r = runCli(['-t', 'chain-runs', '--timeout', '1', '.'], { cwd: dir, timeoutMs: 60_000 });
    expect(performance.now() - t).toBeLessThan(30_000);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('b/Dockerfile: error: timed out after 1 s; left untouched');
    expect(readFileSync(join(dir, 'b/Dockerfile'), 'utf8')).toBe(SLOW);
    expect(readFileSync(join(dir, 'a/Dockerfile'), 'utf8')).toBe(CHAINED);
    expect(readFileSync(join(dir, 'c/Dockerfile'), 'utf8')).toBe(CHAINED);
    expect(r.stderr).toMatch(/3 files checked: 2 changed, .*, 1 failed/);
  });

  it('applies to stdin too', () => {
    const dir = makeTree();
    const slow = runCli(['-t', 'chain-runs', '--timeout', '1', '-'], { cwd: dir, input: SLOW, timeoutMs: 60_000 });
    expect(slow.status).toBe(2);
    expect(slow.stdout).toBe('');
    expect(slow.stderr).toContain('<stdin>: error: timed out after 1 s; left untouched');
    const quick = runCli(['-t', 'chain-runs', '--timeout', '1', '-'], { cwd: dir, input: CHAINABLE });
    expect(quick.status).toBe(0);
    expect(quick.stdout).toBe(CHAINED);
  });

  it('0 sets no limit', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    const r = runCli(['-t', 'chain-runs', '--timeout', '0', '--dry-run', '.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('+RUN a && \\');
  });

  it('is a number of seconds', () => {
    const dir = makeTree({ Dockerfile: CHAINABLE });
    for (const bad of ['-1', 'ten', '1e3', '90000']) {
      const r = runCli(['--timeout', bad, '.'], { cwd: dir });
      expect(r.status, bad).toBe(2);
      expect(r.stderr, bad).toContain('a timeout is a number of seconds from 0 (no limit) to 86400.');
      expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(CHAINABLE);
    }
  });
});

describe('--jobs', () => {
  it('uses no more workers than there are cores, and says so', () => {
    const cores = availableParallelism();
    if (cores >= 64) return;
    const dir = makeTree({ 'a/Dockerfile': CHAINABLE, 'b/Dockerfile': CHAINABLE });
    const r = runCli(['-t', 'chain-runs', '-j', '64', '--dry-run', '.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`warning: --jobs 64 is more than the ${cores} cores here; using ${cores}`);
    expect(r.stdout.match(/^\+\+\+ b\//gm)).toHaveLength(2);
  });
});
