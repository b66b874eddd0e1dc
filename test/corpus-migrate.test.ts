import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, transformText, type EngineResult } from '../src/engine.js';
import { parseDockerfile } from '../src/model/parse.js';
import { initShell } from '../src/model/shell.js';
import { argDeclarations } from '../transforms/shared/arg-words.js';
import { rewriteImage, rulesOf } from '../transforms/rebase/rules.js';
import { pinArgs } from '../transforms/pin-args.js';
import { rebaseTransform } from '../transforms/rebase/index.js';
import type { TransformOptions } from '../src/transform-types.js';
import { CORPUS_ABSENT_MESSAGE, corpusFiles, corpusPresent } from './helpers/corpus.js';

beforeAll(initShell);

/** The migration the corpus is put through: old Node and Python images to current ones, and two ARGs pinned. */
const REBASE = ['node:1[0-8]*-alpine*=node:22-alpine', 'node:1[0-8]*=node:22', 'node:[4-9]*=node:22', 'python:2*=python:3.12', 'python:3.[5-8]*=python:3.12'];
const SET_ARGS = { NODE_VERSION: '22.11.0', PYTHON_VERSION: '3.12.7', GO_VERSION: '1.23.4' };
const rules = rulesOf(REBASE);

const stats = { files: 0, changed: new Map<string, number>(), fixes: new Map<string, number>(), skips: new Map<string, number>() };
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** Where two lines differ, widened to whole words: the old and new text of the one span an edit replaced. */
function changedSpan(a: string, b: string): { old: string; new: string; before: string } {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const stop = /[\s=,"']/;
  while (p > 0 && !stop.test(a[p - 1])) p--;
  while (s > 0 && !stop.test(a[a.length - s])) s--;
  return { old: a.slice(p, a.length - s), new: b.slice(p, b.length - s), before: a.slice(0, p) };
}

/**
 * Every line the run changed is a FROM, ARG, COPY or RUN line whose one changed word is an image the rules rewrite
 * to exactly the new word (rebase), or the default of an ARG named by the values (pin-args); every other line is
 * byte-identical, and no line is added or removed.
 */
function violations(input: string, output: string, id: 'rebase' | 'pin-args'): string[] {
  const model = parseDockerfile(input.replace(/^\uFEFF/, ''));
  const a = input.split('\n');
  const b = output.split('\n');
  if (a.length !== b.length) return [`${a.length} lines became ${b.length}`];
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const line = i + 1;
    const ins = model.instructions.find((x) => model.lineOf(x.start) <= line && model.lineOf(x.end) >= line);
    const span = changedSpan(a[i], b[i]);
    if (id === 'rebase') {
      if (!ins || !['FROM', 'ARG', 'COPY', 'RUN'].includes(ins.name)) out.push(`line ${line}: changed in ${ins?.name ?? 'no instruction'}`);
      const r = rewriteImage(span.old, rules);
      if (r.kind !== 'rewrite' || r.to !== span.new) out.push(`line ${line}: ${span.old} → ${span.new} is not what the rules make of it`);
    } else {
      const decls = ins ? argDeclarations(ins, model.text, model.escape) : null;
      const before = span.before.replace(/["']$/, '');
      const d = decls?.find((x) => before.endsWith(`${x.name}=`) || (x.value === null && span.old === x.name));
      const value = SET_ARGS[d?.name as keyof typeof SET_ARGS];
      if (!d || value === undefined) out.push(`line ${line}: not the default of a named ARG: ${a[i]} → ${b[i]}`);
      else if (![`${d.name}=${value}`, `${d.name}="${value}"`, `${d.name}='${value}'`].some((w) => b[i].includes(w))) out.push(`line ${line}: ${d.name} is not set to its value`);
    }
  }
  return out;
}

describe('the corpus migration property', () => {
  it('finds a line changed outside the reference, a wrong rewrite, and a wrong ARG value', () => {
    const input = 'ARG NODE_VERSION=18\nFROM node:16 AS build\nRUN echo hi\n';
    expect(violations(input, 'ARG NODE_VERSION=18\nFROM node:22 AS build\nRUN echo hi\n', 'rebase')).toEqual([]);
    expect(violations(input, 'ARG NODE_VERSION=18\nFROM node:22 AS build\nRUN echo ho\n', 'rebase')).toEqual(['line 3: hi → ho is not what the rules make of it']);
    expect(violations(input, 'ARG NODE_VERSION=18\nFROM node:20 AS build\nRUN echo hi\n', 'rebase')).toEqual(['line 2: node:16 → node:20 is not what the rules make of it']);
    expect(violations(input, 'ARG NODE_VERSION=22.11.0\nFROM node:16 AS build\nRUN echo hi\n', 'pin-args')).toEqual([]);
    expect(violations(input, 'ARG NODE_VERSION=22\nFROM node:16 AS build\nRUN echo hi\n', 'pin-args')).toEqual(['line 1: NODE_VERSION is not set to its value']);
    expect(violations(input, 'ARG NODE_VERSION=18\nFROM node:16 AS build\n', 'rebase')).toEqual(['4 lines became 3']);
  });
});

if (!corpusPresent) {
  describe.skip('corpus migration', () => it('absent', () => undefined));
  console.warn(CORPUS_ABSENT_MESSAGE);
} else {
  describe('corpus: a base-image migration and pinned ARGs on every real Dockerfile', () => {
    const runs: Array<{ id: 'rebase' | 'pin-args'; transform: typeof rebaseTransform; options: TransformOptions }> = [
      { id: 'rebase', transform: rebaseTransform, options: { rebase: REBASE } },
      { id: 'pin-args', transform: pinArgs, options: { setArgs: SET_ARGS } },
    ];
    for (const file of corpusFiles()) {
      it(file.id, () => {
        const input = readFileSync(file.path, 'utf8');
        for (const { id, transform, options } of runs) {
          const run = (text: string): EngineResult => transformText(text, { transforms: [transform], options });
          let first: EngineResult;
          try {
            first = run(input);
          } catch (e) {
            if (e instanceof InputError) return;
            throw e;
          }
          if (id === 'rebase') stats.files++;
          for (const f of first.fixes) bump(stats.fixes, id);
          for (const s of first.skipped) bump(stats.skips, `${id}: ${s.reason.replace(/\d+/g, 'N').replace(/ \S*[:/$]\S* /g, ' X ')}`);
          if (!first.changed) continue;
          bump(stats.changed, id);
          expect(run(first.output).output, `${id}: a second run changes nothing`).toBe(first.output);
          expect(violations(input, first.output, id), id).toEqual([]);
        }
      });
    }
    afterAll(() => {
      const lines = [
        `corpus migration (rebase ${REBASE.join(' ')}; set-args ${Object.entries(SET_ARGS).map(([k, v]) => `${k}=${v}`).join(' ')}): ${stats.files} files`,
        ...[...stats.changed].map(([k, v]) => `  files changed by ${k}: ${v}`),
        ...[...stats.fixes].map(([k, v]) => `  fixes ${k}: ${v}`),
        `  skipped: ${[...stats.skips.values()].reduce((x, y) => x + y, 0)}`,
        ...[...stats.skips].sort((x, y) => y[1] - x[1]).map(([k, v]) => `  skipped ${v}× ${k}`),
      ];
      console.log(lines.join('\n'));
    });
  });
}
