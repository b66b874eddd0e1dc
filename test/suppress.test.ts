import { beforeAll, describe, expect, it } from 'vitest';
import { transformText } from '../src/engine.js';
import { initShell } from '../src/model/shell.js';
import { directoryContext, memoryContext } from '../src/runner/context.js';
import { parsePragma } from '../src/suppress/pragma.js';
import { TRANSFORMS } from '../transforms/registry.js';
import { loadFixtures } from './helpers/fixtures.js';
import { transformById } from './helpers/transforms.js';

beforeAll(initShell);

const PRAGMA_LINE = /^[ \t]*#[ \t]*(hadolint|docker-codemod)[ \t]+(global[ \t]+|stage[ \t]+)?ignore.*\r?\n/gm;

describe('suppressed fixtures', () => {
  const cases = loadFixtures().filter((c) => c.name.split('/')[1].startsWith('suppressed-'));
  it('there is one for every transform', () => {
    for (const t of TRANSFORMS) expect(cases.some((c) => c.name.startsWith(`${t.id}/`)), t.id).toBe(true);
  });
  for (const c of cases) {
    it(`${c.name}: the fix it suppresses is made without its pragma`, () => {
      const run = (text: string) =>
        transformText(text, {
          transforms: c.transforms.map(transformById),
          options: c.options,
          context: c.contextDir ? directoryContext(c.contextDir) : memoryContext({}),
        });
      const without = c.input.replace(PRAGMA_LINE, '');
      expect(without).not.toBe(c.input);
      expect(run(without).changed).toBe(true);
      const r = run(c.input);
      expect(r.changed).toBe(false);
      expect(r.skipped.some((s) => s.reason.startsWith('suppressed '))).toBe(true);
    });
  }
});

describe('parsePragma (hadolint syntax)', () => {
  it('reads the forms hadolint reads', () => {
    expect(parsePragma(' hadolint ignore=DL3015')).toEqual({ tool: 'hadolint', scope: 'instruction', ids: ['DL3015'] });
    expect(parsePragma('hadolint ignore = DL3015 , DL3009 # why')?.ids).toEqual(['DL3015', 'DL3009']);
    expect(parsePragma('\thadolint\tglobal ignore=DL3059 ')?.scope).toBe('global');
    expect(parsePragma(' hadolint stage ignore=SC2086')?.scope).toBe('stage');
  });
  it('reads nothing where hadolint reads nothing', () => {
    for (const text of [' hadolint ignore=dl3015', ' Hadolint ignore=DL3015', ' hadolint ignore=crazy,DL3002', ' hadolint ignore=', ' hadolintignore=DL3015', ' hadolint ignore=DL3015 trailing']) {
      expect(parsePragma(text), text).toBeNull();
    }
  });
  it('reads docker-codemod pragmas', () => {
    expect(parsePragma(' docker-codemod ignore=chain-runs, deps-copy-first')).toEqual({
      tool: 'docker-codemod',
      scope: 'instruction',
      ids: ['chain-runs', 'deps-copy-first'],
    });
    expect(parsePragma(' docker-codemod global ignore=chain-runs # generated')?.scope).toBe('global');
  });
});

describe('suppression in the engine', () => {
  const run = (text: string, ids: string[], unsafeFixes = false) =>
    transformText(text, { transforms: ids.map(transformById), options: { unsafeFixes } });

  it('reports a suppressed fix as a skip naming the pragma and its line', () => {
    const r = run('FROM debian:bookworm\n# hadolint ignore=DL3015\nRUN apt-get update && apt-get install -y make\n', ['apt-no-install-recommends'], true);
    expect(r.changed).toBe(false);
    expect(r.skipped).toEqual([{ transform: 'apt-no-install-recommends', reason: 'suppressed by "# hadolint ignore=DL3015" on line 2', line: 3 }]);
    // Not listed as an unsafe fix left out either.
    expect(run('FROM debian:bookworm\n# hadolint ignore=DL3015\nRUN apt-get install -y make\n', ['apt-no-install-recommends']).unsafe).toEqual([]);
  });

  it('suppresses only the instruction right below the comment block', () => {
    const text = 'FROM python:3.12-slim\n# hadolint ignore=DL3042\nRUN pip install a\n\nRUN pip install b\n';
    expect(run(text, ['pip-no-cache-dir']).output).toBe('FROM python:3.12-slim\n# hadolint ignore=DL3042\nRUN pip install a\n\nRUN pip install --no-cache-dir b\n');
    // A blank line between the pragma and the instruction: it governs nothing.
    const apart = 'FROM python:3.12-slim\n# hadolint ignore=DL3042\n\nRUN pip install a\n';
    expect(run(apart, ['pip-no-cache-dir']).changed).toBe(true);
  });

  it('reads every pragma of a stack of comment lines, and other ids leave the fix alone', () => {
    const text = 'FROM python:3.12-slim\n# hadolint ignore=DL3042\n# docker-codemod ignore=chain-runs\nRUN pip install a\nRUN pip install b\n';
    const r = run(text, ['chain-runs', 'pip-no-cache-dir']);
    expect(r.output).toBe('FROM python:3.12-slim\n# hadolint ignore=DL3042\n# docker-codemod ignore=chain-runs\nRUN pip install a\nRUN pip install --no-cache-dir b\n');
    expect(run('FROM python:3.12-slim\n# hadolint ignore=DL3013\nRUN pip install a\n', ['pip-no-cache-dir']).changed).toBe(true);
  });

  it('reads pragmas of CRLF files and indented ones', () => {
    const r = run('FROM python:3.12-slim\r\n  # hadolint ignore=DL3042\r\nRUN pip install a\r\n', ['pip-no-cache-dir']);
    expect(r.changed).toBe(false);
    expect(r.skipped[0].reason).toBe('suppressed by "# hadolint ignore=DL3042" on line 2');
  });

  it('a comment after an instruction on its line is no pragma for the next one', () => {
    // Docker reads `#` after arguments as text of the instruction, not as a comment line.
    const text = 'FROM python:3.12-slim\nENV A=1 # hadolint ignore=DL3042\nRUN pip install a\n';
    expect(run(text, ['pip-no-cache-dir']).changed).toBe(true);
  });

  it('a stage pragma governs its stage only', () => {
    const text = '# hadolint stage ignore=DL3042\nFROM python:3.12 AS a\nRUN pip install a\nFROM python:3.12-slim\nCOPY --from=a /x /x\nRUN pip install b\n';
    const out = run(text, ['pip-no-cache-dir']).output;
    expect(out).toContain('RUN pip install a\n');
    expect(out).toContain('RUN pip install --no-cache-dir b\n');
  });

  it('a global pragma removes the transform from the file, with one skip', () => {
    const r = run('FROM python:3.12-slim\nRUN pip install a\n# docker-codemod global ignore=pip-no-cache-dir\n', ['pip-no-cache-dir']);
    expect(r.changed).toBe(false);
    expect(r.skipped).toEqual([
      { transform: 'pip-no-cache-dir', reason: 'suppressed for the file by "# docker-codemod global ignore=pip-no-cache-dir" on line 3', line: 3 },
    ]);
  });

  it('names an unknown id of a docker-codemod pragma and applies the known ones', () => {
    const r = run('FROM python:3.12-slim\n# docker-codemod ignore=chian-runs,pip-no-cache-dir\nRUN pip install a\n', ['pip-no-cache-dir']);
    expect(r.changed).toBe(false);
    expect(r.skipped[0]).toMatchObject({ transform: 'docker-codemod', line: 2 });
    expect(r.skipped[0].reason).toMatch(/^unknown transform id "chian-runs" \(did you mean "chain-runs"\?\) in "# docker-codemod ignore=chian-runs,pip-no-cache-dir" on line 2; valid ids: /);
  });

  it('reports lines of the input for pragmas met in a later pass', () => {
    // chain-runs joins lines 2-3 first; the pragma then sits on line 4 of the second pass, line 5 of the input.
    const text = 'FROM python:3.12-slim\nRUN echo a\nRUN echo b\n\n# hadolint ignore=DL3042\nRUN pip install c\n';
    const r = run(text, ['chain-runs', 'pip-no-cache-dir']);
    expect(r.skipped).toContainEqual({ transform: 'pip-no-cache-dir', reason: 'suppressed by "# hadolint ignore=DL3042" on line 5', line: 6 });
  });
});
