import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_ABSENT_MESSAGE, CORPUS_DIR, corpusPresent } from './helpers/corpus.js';
import { ensureBuilt, ROOT, runCli } from './helpers/cli.js';

beforeAll(ensureBuilt);

const PORTABLE = { DOCKER_CODEMOD_PORTABLE_SHELL: '1' };

/** Whether the compiled shell model uses the fast tree copy, with this environment. */
function fastCopyIn(env: Record<string, string>): boolean {
  const script = `import(${JSON.stringify(join(ROOT, 'dist/src/model/shell.js'))}).then(async (m) => {
    await m.initShell();
    process.stdout.write(String(m.fastCopyActive()));
  });`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  expect(r.stderr).toBe('');
  return r.stdout === 'true';
}

describe('shell tree copy', () => {
  it('uses the fast copy with the pinned runtime, and the public API when told to', () => {
    expect(fastCopyIn({})).toBe(true);
    expect(fastCopyIn(PORTABLE)).toBe(false);
  });

  it('gives the same output through the public API (the path any other runtime release takes)', () => {
    const targets = ['examples'];
    if (corpusPresent) targets.push(join(CORPUS_DIR, 'files'));
    else console.log(`${CORPUS_ABSENT_MESSAGE}; comparing on examples/ only`);
    for (const target of targets) {
      const args = ['--dry-run', '--format', 'json', target];
      const fast = runCli(args, { cwd: ROOT, timeoutMs: 120_000 });
      const portable = runCli(args, { cwd: ROOT, env: PORTABLE, timeoutMs: 120_000 });
      expect(fast.stdout.length).toBeGreaterThan(1000);
      expect(portable.status).toBe(fast.status);
      expect(portable.stdout).toBe(fast.stdout);
    }
  });
});
