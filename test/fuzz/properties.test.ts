/**
 * Property tests over generated Dockerfiles (test/helpers/dockerfile-arbitrary.ts) with every transform found
 * in transforms/: the engine does not throw, a second run changes nothing, propertyViolations() finds nothing,
 * BOM, line endings and the final newline are kept, and inserted text uses the file's escape character and
 * keyword case.
 *
 * FUZZ_RUNS sets the number of files (default DEFAULT_RUNS), FUZZ_SEED replays a run (default: a fixed seed).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { initShell } from '../../src/model/shell.js';
import { TRANSFORMS } from '../../transforms/registry.js';
import type { Transform } from '../../src/transform-types.js';
import { dockerfileCase, type DockerfileCase } from '../helpers/dockerfile-arbitrary.js';
import { check } from '../helpers/fuzz-check.js';
import { discoveredTransforms } from '../helpers/transforms.js';

/** 1000 runs take 35–55 s on a 2-core machine (most of it in dash -n); `npm run fuzz` runs 100 000. */
const DEFAULT_RUNS = 1000;
const DEFAULT_SEED = 20240617;

const RUNS = Number(process.env.FUZZ_RUNS ?? DEFAULT_RUNS);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : DEFAULT_SEED;

beforeAll(initShell);

/** Registered transforms in the registry's order (the order the CLI runs them), then unregistered ones. */
function allTransforms(): Transform[] {
  const found = discoveredTransforms();
  const byId = (id: string) => found.find((t) => t.id === id);
  const registered = TRANSFORMS.map((t) => byId(t.id)).filter((t): t is Transform => t !== undefined);
  return [...registered, ...found.filter((t) => !registered.includes(t))];
}

/** Transforms with known faults, the behaviour they show, and what check() must report. */
const FAULTY: Array<{ fault: string; report: string; transform: Transform }> = [
  {
    fault: 'breaks the shell syntax of a RUN',
    report: 'VerifyError',
    transform: {
      id: 'faulty-syntax', description: 'appends a dangling && to the first RUN', hadolint: [], defaultOn: false, tier: 'safe',
      run(m) {
        const r = m.instructions.find((i) => i.name === 'RUN' && i.shell?.ok);
        return { fixes: r ? [{ message: 'x', line: r.line, edits: [{ start: r.argsEnd, end: r.argsEnd, text: ' &&' }], touches: [r.index] }] : [], skips: [] };
      },
    },
  },
  {
    fault: 'adds an upper-case keyword to a lower-case file',
    report: 'an instruction keyword not in lowercase was added',
    transform: {
      id: 'faulty-case', description: 'adds an upper-case USER line', hadolint: [], defaultOn: false, tier: 'safe',
      run(m) {
        if (m.instructions.some((i) => i.name === 'USER')) return { fixes: [], skips: [] };
        const last = m.instructions[m.instructions.length - 1];
        return { fixes: [{ message: 'x', line: last.line, edits: [{ start: last.end, end: last.end, text: '\nUSER app' }], touches: [] }], skips: [] };
      },
    },
  },
];

describe('generated Dockerfiles', () => {
  const transforms = allTransforms();

  it('finds transforms', () => expect(transforms.length).toBeGreaterThan(0));

  for (const { fault, report, transform } of FAULTY) {
    it(`catches a transform that ${fault}`, () => {
      const c: DockerfileCase = { text: 'from debian:bookworm\nrun apt-get update\n', context: {}, options: {} };
      expect(() => check(c, [transform])).toThrow(report);
    });
  }

  it(
    `all transforms: no throw, idempotent, properties hold (${RUNS} runs, seed ${SEED})`,
    () => {
      // Half the cases run the transforms in the registry's order, half in a shuffled order (shrinks to the registry's).
      const order = fc.oneof(fc.constant(transforms), fc.shuffledSubarray(transforms, { minLength: transforms.length, maxLength: transforms.length }));
      const started = Date.now();
      try {
        fc.assert(
          fc.property(dockerfileCase(), order, (c, ts) => check(c, ts)),
          { numRuns: RUNS, seed: SEED, includeErrorInReport: true },
        );
      } catch (e) {
        throw new Error(`seed ${SEED} (replay: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} npx vitest run test/fuzz)\n${(e as Error).message}`);
      }
      if (process.env.FUZZ_VERBOSE) console.log(`${RUNS} runs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
    120_000 + RUNS * 200,
  );
});
