import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyEdits, applyEditsWithLines, type ReplaceEdit } from '../src/edits.js';
import { transformText } from '../src/engine.js';
import { fineEdits } from '../src/line-origin.js';
import { initShell } from '../src/model/shell.js';
import { findTransform } from '../transforms/registry.js';

beforeAll(initShell);

const lines = (text: string, edits: ReplaceEdit[]) => {
  const r = applyEditsWithLines(text, edits);
  return r.text.split('\n').map((_, i) => r.origin(i + 1));
};

describe('the input line of a line of edited text', () => {
  const input = 'FROM a\nRUN gem install a\nRUN gem install b\nRUN gem install c\nCMD ["x"]\n';
  // chain-runs' edit: one replacement from the first body to the end of the last.
  const start = input.indexOf('gem install a');
  const end = input.indexOf('gem install c') + 'gem install c'.length;
  const joined = { start, end, text: 'gem install a && \\\n    gem install b && \\\n    gem install c' };

  it('is the line of the kept text on it, inside a replacement spanning several lines', () => {
    expect(applyEdits(input, [joined])).toBe('FROM a\nRUN gem install a && \\\n    gem install b && \\\n    gem install c\nCMD ["x"]\n');
    expect(lines(input, [joined])).toEqual([1, 2, 3, 4, 5, 5]);
  });

  it('is the line the inserted text follows for a line made only of inserted text', () => {
    const at = input.indexOf('\nCMD');
    expect(lines(input, [{ start: at, end: at, text: ' && \\\n    gem cleanup' }])).toEqual([1, 2, 3, 4, 4, 5, 5]);
  });

  it('is the line after the line break a replacement keeps, for the text the replacement puts after it', () => {
    const text = 'FROM a\nRUN x\nRUN y\n';
    const from = text.indexOf('x');
    expect(applyEdits(text, [{ start: from, end: from + 7, text: '1 && \\\n    2' }])).toBe('FROM a\nRUN 1 && \\\n    2\n');
    expect(lines(text, [{ start: from, end: from + 7, text: '1 && \\\n    2' }])).toEqual([1, 2, 3, 3]);
  });

  it('follows a moved span', () => {
    const text = 'FROM a\nCOPY . .\nRUN x\n';
    const copy = text.indexOf('COPY');
    const r = applyEditsWithLines(text, [{ start: copy, end: copy + 'COPY . .\n'.length, to: text.length, move: true }]);
    expect(r.text).toBe('FROM a\nRUN x\nCOPY . .\n');
    expect([1, 2, 3].map(r.origin)).toEqual([1, 3, 2]);
  });
});

describe('fineEdits', () => {
  it('gives the same text as the edits it splits', () => {
    const replacements = (text: string) =>
      fc.uniqueArray(fc.nat(text.length), { maxLength: 6 }).chain((cuts) => {
        const sorted = [...cuts].sort((a, b) => a - b);
        const spans: Array<[number, number]> = [];
        for (let i = 0; i + 1 < sorted.length; i += 2) spans.push([sorted[i], sorted[i + 1]]);
        return fc.tuple(...spans.map(([s, e]) => fc.string({ unit: fc.constantFrom('a', 'b', '\n', ' ', '\\'), maxLength: 12 }).map((t) => ({ start: s, end: e, text: t }))));
      });
    const textAndEdits = fc.string({ unit: fc.constantFrom('a', 'b', '\n', ' ', 'R'), maxLength: 40 }).chain((text) => fc.tuple(fc.constant(text), replacements(text)));
    fc.assert(
      fc.property(textAndEdits, ([text, edits]) => {
        expect(applyEdits(text, fineEdits(text, edits))).toBe(applyEdits(text, edits));
      }),
    );
  });
});

describe('fixes in RUNs chained in an earlier pass', () => {
  const transforms = ['chain-runs', 'gem-no-document'].map((id) => findTransform(id)!);
  const input = 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y ruby && rm -rf /var/lib/apt/lists/*\nRUN gem install a\nRUN gem install b\nRUN gem install c\n';

  it('report the line each command stood on in the input', () => {
    const r = transformText(input, { transforms });
    expect(r.output).toBe(
      'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y ruby && rm -rf /var/lib/apt/lists/*\n' +
        'RUN gem install --no-document a && \\\n    gem install --no-document b && \\\n    gem install --no-document c\n',
    );
    expect(r.fixes.map((f) => [f.transform, f.line, f.message])).toEqual([
      ['chain-runs', 3, 'chained 3 RUN instructions (lines 3, 4, 5) into one layer: small consecutive RUNs (hadolint DL3059)'],
      ['gem-no-document', 3, 'added --no-document to gem install on line 3'],
      ['gem-no-document', 4, 'added --no-document to gem install on line 4'],
      ['gem-no-document', 5, 'added --no-document to gem install on line 5'],
    ]);
  });

  it('are suppressed by a pragma above a RUN whose continuation line holds the command', () => {
    const pip = [findTransform('pip-no-cache-dir')!];
    const text = 'FROM python:3.12\n# hadolint ignore=DL3042\nRUN apt-get update && \\\n    pip install flask && \\\n    rm -rf /var/lib/apt/lists/*\n';
    const r = transformText(text.replace('DL3042', 'DL3008'), { transforms: pip });
    expect(r.fixes.map((f) => [f.transform, f.line, f.message])).toEqual([['pip-no-cache-dir', 4, 'added --no-cache-dir to pip install on line 4']]);
    const ignored = transformText(text, { transforms: pip });
    expect(ignored.output).toBe(text);
    expect(ignored.skipped).toEqual([{ transform: 'pip-no-cache-dir', reason: 'suppressed by "# hadolint ignore=DL3042" on line 2', line: 4 }]);
  });

  it('that a pragma suppresses are reported on their own line', () => {
    const both = ['chain-runs', 'pip-no-cache-dir'].map((id) => findTransform(id)!);
    const text = 'FROM python:3.12\n# hadolint ignore=DL3042\nRUN pip install flask\nRUN pip install django\n';
    const r = transformText(text, { transforms: both });
    expect(r.output).toBe('FROM python:3.12\n# hadolint ignore=DL3042\nRUN pip install flask && \\\n    pip install django\n');
    expect(r.skipped.map((s) => [s.transform, s.line])).toEqual([['pip-no-cache-dir', 3], ['pip-no-cache-dir', 4]]);
  });
});
