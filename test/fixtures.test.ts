import { beforeAll, describe, expect, it } from 'vitest';
import { transformText } from '../src/engine.js';
import { initShell } from '../src/model/shell.js';
import { directoryContext, memoryContext } from '../src/runner/context.js';
import { loadFixtures } from './helpers/fixtures.js';
import { transformById } from './helpers/transforms.js';

beforeAll(initShell);

describe('fixtures', () => {
  const cases = loadFixtures();
  it('has fixtures', () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(c.name, () => {
      const transforms = c.transforms.map(transformById);
      const run = (text: string) =>
        transformText(text, {
          transforms,
          options: c.options,
          context: c.contextDir ? directoryContext(c.contextDir) : memoryContext({}),
        });
      const first = run(c.input);
      expect(first.output).toBe(c.output);
      expect(first.changed).toBe(c.input !== c.output);
      // A second run changes nothing.
      expect(run(first.output).output).toBe(first.output);
    });
  }
});
