import { readFileSync } from 'node:fs';
import { applyPatch, createTwoFilesPatch } from 'diff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, transformText, type EngineResult } from '../src/engine.js';
import { initShell } from '../src/model/shell.js';
import { TRANSFORMS } from '../transforms/registry.js';
import { CORPUS_ABSENT_MESSAGE, corpusContext, corpusFiles, corpusPresent } from './helpers/corpus.js';
import { propertyViolations } from './helpers/properties.js';

beforeAll(initShell);

const stats = { files: 0, changed: new Map<string, number>(), notDockerfiles: 0, fixes: new Map<string, number>(), skips: new Map<string, number>() };
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

if (!corpusPresent) {
  describe.skip('corpus', () => it('absent', () => undefined));
  console.warn(CORPUS_ABSENT_MESSAGE);
} else {
  describe('corpus: every transform on every real Dockerfile', () => {
    for (const file of corpusFiles()) {
      it(file.id, () => {
        const input = readFileSync(file.path, 'utf8');
        const context = corpusContext(file);
        // Both tiers: the default (safe fixes only), then with unsafe fixes applied too.
        for (const unsafeFixes of [false, true]) {
          const tier = unsafeFixes ? 'unsafe' : 'safe';
          // The unsafe run also chains every RUN pair chain-runs can join (--chain-all), so the joining itself meets
          // every real file, not only the joins the default policy picks.
          const options = unsafeFixes ? { unsafeFixes, chainPolicy: 'all' as const } : { unsafeFixes };
          const run = (text: string): EngineResult => transformText(text, { transforms: [...TRANSFORMS], context, options });
          let first: EngineResult;
          try {
            first = run(input);
          } catch (e) {
            if (e instanceof InputError && !/^\s*FROM\s/im.test(input)) {
              if (!unsafeFixes) stats.notDockerfiles++;
              return;
            }
            throw e;
          }
          if (!unsafeFixes) {
            stats.files++;
            for (const s of first.skipped) bump(stats.skips, `${s.transform}: ${s.reason.replace(/\d+/g, 'N')}`);
          }
          for (const f of first.fixes) bump(stats.fixes, `${f.transform} (${f.tier}, run with ${tier} fixes)`);
          if (!first.changed) continue;
          bump(stats.changed, tier);
          expect(run(first.output).output, `${tier}: second run changes nothing`).toBe(first.output);
          expect(propertyViolations(input, first.output), tier).toEqual([]);
          const patch = createTwoFilesPatch(`a/${file.id}`, `b/${file.id}`, input, first.output);
          expect(applyPatch(input, patch), `${tier}: the dry-run patch gives what write mode writes`).toBe(first.output);
        }
      });
    }
    afterAll(() => {
      const lines = [
        `corpus: ${stats.files} files, ${stats.changed.get('safe') ?? 0} changed by default, ${stats.changed.get('unsafe') ?? 0} with unsafe fixes, ${stats.notDockerfiles} without FROM`,
        ...[...stats.fixes].sort((a, b) => b[1] - a[1]).map(([k, v]) => `  fixes ${k}: ${v}`),
        ...[...stats.skips].sort((a, b) => b[1] - a[1]).map(([k, v]) => `  skipped ${v}× ${k}`),
      ];
      console.log(lines.join('\n'));
    });
  });
}
