import { beforeAll, describe, expect, it } from 'vitest';
import { transformText } from '../src/engine.js';
import { initShell } from '../src/model/shell.js';
import type { Transform } from '../src/transform-types.js';

beforeAll(initShell);

/** Pass 1: removes the blank lines (moving every later line up). */
const dropBlankLines: Transform = {
  id: 'drop-blank-lines',
  description: 'removes blank lines',
  hadolint: [],
  defaultOn: false,
  tier: 'safe',
  run(m) {
    const edits = [...m.text.matchAll(/\n(?=\n)/g)].map((x) => ({ start: x.index, end: x.index + 1, text: '' }));
    return { fixes: edits.length ? [{ message: 'removed blank lines', line: 1, edits, touches: [] }] : [], skips: [] };
  },
};

/**
 * Only once there are no blank lines (so from pass 2 on): a safe fix, an unsafe fix and a skip about the last two
 * instructions, naming their lines in the text of that pass.
 */
const laterPass: Transform = {
  id: 'later-pass',
  description: 'acts on the text of pass 2',
  hadolint: [],
  defaultOn: false,
  tier: 'safe',
  run(m) {
    if (m.text.includes('\n\n')) return { fixes: [], skips: [] };
    const a = m.instructions.find((i) => m.text.startsWith('RUN echo hi', i.start))!;
    const b = m.instructions.find((i) => i.name === 'CMD')!;
    const done = m.text.includes('hi!');
    const at = a.start + 'RUN echo hi'.length;
    return {
      fixes: [
        ...(done ? [] : [{ message: `exclaimed on line ${a.line}`, line: a.line, edits: [{ start: at, end: at, text: '!' }], touches: [m.instructions.indexOf(a)] }]),
        ...(m.text.includes('USER') ? [] : [{
          message: `would change lines ${a.line} and ${b.line}`,
          tier: 'unsafe' as const,
          unsafeReason: `line ${b.line} runs as root`,
          line: b.line,
          edits: [{ start: b.start, end: b.start, text: 'USER nobody\n' }],
          touches: [],
        }]),
      ],
      skips: [{ reason: `lines ${a.line}, ${b.line}, and ${a.line} left alone`, line: b.line }],
    };
  },
};

describe('reported lines', () => {
  const input = 'FROM debian\n\n\nRUN echo a\n\n\nRUN echo hi\nCMD ["x"]\n';

  it('are lines of the input for fixes, unsafe fixes and skips found in pass 2', () => {
    const r = transformText(input, { transforms: [dropBlankLines, laterPass] });
    expect(r.output).toBe('FROM debian\nRUN echo a\nRUN echo hi!\nCMD ["x"]\n');
    expect(r.fixes).toEqual([
      { transform: 'drop-blank-lines', message: 'removed blank lines', tier: 'safe', line: 1, column: 12, pass: 1 },
      { transform: 'later-pass', message: 'exclaimed on line 7', tier: 'safe', line: 7, column: 12, pass: 2 },
    ]);
    expect(r.unsafe).toEqual([
      { transform: 'later-pass', message: 'would change lines 7 and 8', reason: 'line 8 runs as root', line: 8, column: 1 },
    ]);
    expect(r.skipped).toEqual([{ transform: 'later-pass', reason: 'lines 7, 8, and 7 left alone', line: 8 }]);
  });

  it('unsafe fixes are applied when asked, and reported as applied with their tier', () => {
    const r = transformText(input, { transforms: [dropBlankLines, laterPass], options: { unsafeFixes: true } });
    expect(r.output).toBe('FROM debian\nRUN echo a\nRUN echo hi!\nUSER nobody\nCMD ["x"]\n');
    expect(r.unsafe).toEqual([]);
    expect(r.fixes.map((f) => [f.transform, f.tier, f.line])).toEqual([
      ['drop-blank-lines', 'safe', 1],
      ['later-pass', 'safe', 7],
      ['later-pass', 'unsafe', 8],
    ]);
  });
});

/** Pass 1: `RUN x` → `RUN yx`; pass 2: `!` at the end of that line. */
const prefixRun: Transform = {
  id: 'prefix-run',
  description: 'inserts y before the RUN body',
  hadolint: [],
  defaultOn: false,
  tier: 'safe',
  run(m) {
    const i = m.instructions.findIndex((x) => x.name === 'RUN');
    const at = m.instructions[i].start + 4;
    if (m.text.startsWith('y', at)) return { fixes: [], skips: [] };
    return { fixes: [{ message: 'y', line: m.instructions[i].line, edits: [{ start: at, end: at, text: 'y' }], touches: [i] }], skips: [] };
  },
};
const exclaimLater: Transform = {
  id: 'exclaim-later',
  description: 'appends ! to the RUN once it starts with y',
  hadolint: [],
  defaultOn: false,
  tier: 'safe',
  run(m) {
    const i = m.instructions.findIndex((x) => x.name === 'RUN');
    const run = m.instructions[i];
    const end = m.text.indexOf('\n', run.start);
    if (!m.text.startsWith('y', run.start + 4) || m.text[end - 1] === '!') return { fixes: [], skips: [] };
    return { fixes: [{ message: '!', line: run.line, edits: [{ start: end, end, text: '!' }], touches: [i] }], skips: [] };
  },
};

describe('reported columns', () => {
  it('are the 1-based column of the first edit on the reported line', () => {
    const r = transformText('FROM debian\nRUN echo hi\n', { transforms: [prefixRun] });
    expect(r.fixes.map((f) => [f.line, f.column])).toEqual([[2, 5]]);
  });

  it('of a later pass fall back to column 1 when the line changed before that column', () => {
    const r = transformText('FROM debian\nRUN echo hi\n', { transforms: [prefixRun, exclaimLater] });
    expect(r.output).toBe('FROM debian\nRUN yecho hi!\n');
    expect(r.fixes.map((f) => [f.transform, f.line, f.column, f.pass])).toEqual([
      ['prefix-run', 2, 5, 1],
      ['exclaim-later', 2, 1, 2],
    ]);
  });

  it('count from after a byte order mark, and are 1 when the first edit is on another line', () => {
    const noContext = { context: { exists: () => false, readText: () => null }, options: {} };
    const onLineOne = (m: Parameters<Transform['run']>[0]) => {
      const r = prefixRun.run(m, noContext);
      return { ...r, fixes: r.fixes.map((f) => ({ ...f, line: 1 })) };
    };
    const elsewhere: Transform = { ...prefixRun, id: 'elsewhere', run: onLineOne };
    expect(transformText('\uFEFFFROM debian\nRUN echo hi\n', { transforms: [prefixRun] }).fixes[0].column).toBe(5);
    expect(transformText('FROM debian\nRUN echo hi\n', { transforms: [elsewhere] }).fixes[0].column).toBe(1);
  });
});
