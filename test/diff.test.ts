import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../src/report/diff.js';

const PAIRS: Array<[string, string, string]> = [
  ['middle change', 'FROM a\nRUN b\nRUN c\nRUN d\nRUN e\nRUN f\nRUN g\nCMD h\n', 'FROM a\nRUN b\nRUN c\nRUN d && e\nRUN f\nRUN g\nCMD h\n'],
  ['first line', 'FROM a\nRUN b\n', 'FROM x\nRUN b\n'],
  ['insertion at the end', 'FROM a\nRUN b\n', 'FROM a\nRUN b\nUSER app\n'],
  ['insertion at the start', 'RUN b\n', 'FROM a\nRUN b\n'],
  ['deletion', 'FROM a\nRUN b\nRUN c\n', 'FROM a\nRUN c\n'],
  ['CRLF', 'FROM a\r\nRUN b\r\nRUN c\r\n', 'FROM a\r\nRUN b && c\r\n'],
  ['no final newline, changed last line', 'FROM a\nRUN b', 'FROM a\nRUN b && c'],
  ['no final newline, unchanged last line', 'FROM a\nRUN b\nCMD c', 'FROM a\nRUN b && d\nCMD c'],
  ['final newline added', 'FROM a\nRUN b', 'FROM a\nRUN b\n'],
  ['BOM', '\uFEFFFROM a\nRUN b\n', '\uFEFFFROM a\nRUN c\n'],
];

describe('unifiedDiff', () => {
  it.each(PAIRS)('past the edit limit still gives a patch that applies: %s', (_name, before, after) => {
    const patch = unifiedDiff('Dockerfile', before, after, 0);
    expect(patch.match(/^@@/gm)).toHaveLength(1);
    expect(applyPatch(before, patch)).toBe(after);
  });

  it('gives the minimal patch below the limit', () => {
    const body = Array.from({ length: 12 }, (_, i) => `RUN step${i}\n`).join('');
    const before = `FROM a\n${body}CMD x\n`;
    const after = `FROM b\n${body}CMD y\n`;
    expect(unifiedDiff('Dockerfile', before, after).match(/^@@/gm)).toHaveLength(2);
    const one = unifiedDiff('Dockerfile', before, after, 0);
    expect(one.match(/^@@/gm)).toHaveLength(1);
    expect(applyPatch(before, one)).toBe(after);
  });

  it('past the limit, git apply takes the patch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dcm-diff-'));
    try {
      for (const [i, [, before, after]] of PAIRS.entries()) {
        const file = join(dir, 'Dockerfile');
        writeFileSync(file, before);
        writeFileSync(join(dir, 'p.patch'), unifiedDiff('Dockerfile', before, after, 0));
        execFileSync('git', ['apply', '--unsafe-paths', 'p.patch'], { cwd: dir });
        expect(readFileSync(file, 'utf8'), PAIRS[i][0]).toBe(after);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
