// The property checks the corpus and fuzz tests rely on must be able to fail.
import { beforeAll, expect, it } from 'vitest';
import { initShell } from '../src/model/shell.js';
import { propertyViolations } from './helpers/properties.js';
beforeAll(initShell);
it('reports a lost comment, a RUN that no longer parses, a changed ENV and lost CRLF', () => {
  const input = 'FROM debian\n# keep me\nRUN a\nRUN b\nENV X=1\n';
  expect(propertyViolations(input, 'FROM debian\nRUN a && \\\n    b\nENV X=1\n')).toEqual(['comment lost: # keep me']);
  expect(propertyViolations(input, 'FROM debian\n# keep me\nRUN a && ( b\nENV X=1\n').join()).toMatch(/dash -n/);
  expect(propertyViolations(input, 'FROM debian\n# keep me\nRUN a\nRUN b\nENV X=2\n').join()).toMatch(/other than RUN/);
  expect(propertyViolations('FROM debian\r\nRUN a\r\n', 'FROM debian\nRUN a\n').join()).toMatch(/CRLF/);
});

it('reports a shell comment in a RUN body that became code', () => {
  const input = 'FROM debian\nRUN (apt-get update)# why\n';
  expect(propertyViolations(input, 'FROM debian\nRUN (apt-get update) && rm -rf /x/*# why\n')).toEqual(['shell comment lost or turned into code: # why']);
  expect(propertyViolations(input, 'FROM debian\nRUN (apt-get update) && rm -rf /x/* # why\n')).toEqual([]);
});
