import { beforeAll, describe, expect, it } from 'vitest';
import { transformText } from '../src/engine.js';
import { initShell } from '../src/model/shell.js';
import { TRANSFORMS } from '../transforms/registry.js';
import type { BuildContext } from '../src/transform-types.js';
import { globMatch } from '../transforms/shared/copy-paths.js';
import { parseDockerIgnore } from '../transforms/shared/dockerignore-file.js';
import { compileCopyGlob, compileIgnorePattern } from '../transforms/shared/glob-match.js';

beforeAll(initShell);

/** Milliseconds `f` takes. */
function timed(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

describe('COPY wildcards (Go filepath.Match)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['abc', 'abc', true],
    ['*', 'abc', true],
    ['*c', 'abc', true],
    ['a*', 'a', true],
    ['a*/b', 'abc/b', true],
    ['a*/b', 'a/c/b', false],
    ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
    ['a*b?c*x', 'abxbbxdbxebxczzx', true],
    ['a*b?c*x', 'abxbbxdbxebxczzy', false],
    ['ab[c]', 'abc', true],
    ['ab[b-d]', 'abc', true],
    ['ab[e-g]', 'abc', false],
    ['ab[^c]', 'abc', false],
    ['ab[^b-d]', 'abc', false],
    ['ab[^e-g]', 'abc', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'ab', false],
    ['a?b', 'a☺b', true],
    ['a[^a]b', 'a☺b', true],
    ['[a-ζ]*', 'α', true],
    ['*[a-ζ]', 'A', false],
    ['a?b', 'a/b', false],
    ['a*b', 'a/b', false],
    ['[\\]a]', ']', true],
    ['[\\-]', '-', true],
    ['[x\\-]', 'z', false],
    ['[!a]', '!', true],
    ['[!a]', 'b', false],
    ['*x', 'xxx', true],
    ['package*.json', 'package-lock.json', true],
  ];
  it.each(cases)('%s against %s', (pattern, name, want) => {
    expect(globMatch(pattern, name)).toBe(want);
  });

  it('rejects what filepath.Match calls a bad pattern', () => {
    for (const bad of ['[]a]', '[-]', '[x-]', '[a-b-c]', '[', '[^', '[^bc', 'a[', 'a\\']) expect(compileCopyGlob(bad), bad).toBeNull();
    expect(globMatch('[', '[')).toBe(false);
  });

  it('takes linear time on stars that a backtracking matcher explores exponentially', () => {
    const pattern = `${'*a'.repeat(30)}*b`;
    const name = 'a'.repeat(5000);
    expect(timed(() => expect(globMatch(pattern, name)).toBe(false))).toBeLessThan(2000);
  });
});

describe('.dockerignore patterns (moby/patternmatcher)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['**', 'a/b/c', true],
    ['**/x', 'x', true],
    ['**/x', 'a/b/x', true],
    ['**/x', 'a/bx', false],
    ['**x', 'a/bx', true],
    ['a/**', 'a/b/c', true],
    ['a/**', 'ab', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**/b', 'a/xb', false],
    ['a/**b', 'a/x/b', true],
    ['**/*.txt', 'docs/notes.txt', true],
    ['**/*.txt', 'notes.txt', true],
    ['*.txt', 'docs/notes.txt', false],
    ['*/*.txt', 'docs/notes.txt', true],
    ['a/*/b', 'a/x/y/b', false],
    ['a[^x]b', 'a/b', true],
    ['?', '/', false],
  ];
  it.each(cases)('%s against %s', (pattern, path, want) => {
    expect(compileIgnorePattern(pattern)!(path)).toBe(want);
  });

  it('takes linear time on patterns a backtracking matcher explores exponentially', () => {
    const star = compileIgnorePattern(`${'*a'.repeat(30)}*b`)!;
    const dstar = compileIgnorePattern(`${'**/'.repeat(30)}x`)!;
    const deep = `${'d/'.repeat(2000)}y`;
    expect(timed(() => expect(star('a'.repeat(5000))).toBe(false))).toBeLessThan(2000);
    expect(timed(() => expect(dstar(deep)).toBe(false))).toBeLessThan(2000);
  });

  it('a path is ignored when it or one of its parent directories matches', () => {
    const d = parseDockerIgnore('**/x\na*\n**/b/\nc/**/d\n');
    for (const p of ['x', 'a/x/y', 'x/y', 'ab/y', 'q/b/z', 'b', 'c/d/e', 'c/q/d']) expect(d.ignored(p), p).toBe(true);
    for (const p of ['q/xb/z', 'xq/z', 'q/ba/y', 'qb', 'c/q', 'c/dd/e']) expect(d.ignored(p), p).toBe(false);
  });

  it('checks every parent directory of a deep path in reasonable time', () => {
    const d = parseDockerIgnore(`${'*a'.repeat(20)}*b\n${'**/'.repeat(20)}x\n`);
    expect(timed(() => expect(d.ignored(`${'a/'.repeat(1000)}req.txt`)).toBe(false))).toBeLessThan(5000);
  });
});

/** A build context held in memory. */
function memoryContext(files: Record<string, string>): BuildContext {
  return { exists: (p) => p in files, readText: (p) => files[p] ?? null };
}

describe('Dockerfiles whose wildcards once hung the run', () => {
  const all = { transforms: TRANSFORMS.filter((t) => t.defaultOn) };
  const name = `${'a'.repeat(60)}.txt`;

  it('a COPY wildcard of many stars and a long manifest name', () => {
    const input = `FROM python:3\nWORKDIR /app\nCOPY . .\nCOPY ${'*a'.repeat(10)}*b ./\nRUN pip install -r ${name}\n`;
    const ms = timed(() => transformText(input, { ...all, context: memoryContext({ [name]: 'flask\n' }) }));
    expect(ms).toBeLessThan(5000);
  });

  it('.dockerignore lines of many stars or many **/', () => {
    const input = `FROM python:3\nWORKDIR /app\nCOPY . .\nRUN pip install -r ${name}\n`;
    for (const ignore of [`${'*a'.repeat(10)}*b\n`, `${'**/'.repeat(12)}x\n`]) {
      const context = memoryContext({ [name]: 'flask\n', '.dockerignore': ignore });
      let changed = false;
      const ms = timed(() => (changed = transformText(input, { ...all, context }).changed));
      expect(ms, ignore).toBeLessThan(5000);
      // The manifest is not excluded: deps-copy-first copies it first.
      expect(changed, ignore).toBe(true);
    }
  });
});
