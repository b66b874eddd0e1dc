import { beforeAll, describe, expect, it } from 'vitest';
import { transformText } from '../src/engine.js';
import { initShell } from '../src/model/shell.js';
import { directoryContext, memoryContext } from '../src/runner/context.js';
import { PendingFiles } from '../src/side-files.js';
import { loadFixtures } from './helpers/fixtures.js';
import { transformById } from './helpers/transforms.js';

beforeAll(initShell);

describe('fixtures', () => {
  const cases = loadFixtures();
  it('has fixtures', () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(c.name, () => {
      const transforms = c.transforms.map(transformById);
      const base = c.contextDir ? directoryContext(c.contextDir) : memoryContext({});
      const run = (text: string, context = base) =>
        transformText(text, { transforms, options: c.options, context, dockerfileIgnore: c.dockerfileIgnore });
      const first = run(c.input);
      expect(first.output).toBe(c.output);
      // Context files made (expected-context/), byte for byte; none when the case expects none.
      expect(Object.fromEntries(first.sideFiles.map((f) => [f.path, f.after]))).toEqual(c.expectedFiles);
      expect(first.changed).toBe(c.input !== c.output || first.sideFiles.length > 0);
      // A second run, on the result and the context with those files written, changes nothing.
      const written = new PendingFiles();
      written.add(first.sideFiles, new Set());
      const second = run(first.output, written.overlay(base));
      expect(second.output).toBe(first.output);
      expect(second.sideFiles).toEqual([]);
    });
  }
});
