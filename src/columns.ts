import { isMove, type Edit } from './edits.js';

/** Offsets where each line of a text starts (index 0 is line 1). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The lowest offset a fix's edits touch: a replaced span's start, or a move's start or destination. */
export function firstEditOffset(edits: readonly Edit[]): number | undefined {
  let first: number | undefined;
  for (const e of edits) {
    const at = isMove(e) ? Math.min(e.start, e.to) : e.start;
    if (first === undefined || at < first) first = at;
  }
  return first;
}

/**
 * 1-based column of `offset` when it lies on `line` (1-based) of the text whose line starts are `starts`;
 * column 1 when it lies on another line (a fix whose first edit is not on the line it reports).
 */
export function columnOn(starts: readonly number[], line: number, offset: number | undefined): number {
  if (offset === undefined || line < 1 || line > starts.length) return 1;
  const from = starts[line - 1];
  const to = line < starts.length ? starts[line] - 1 : Infinity;
  return offset >= from && offset <= to ? offset - from + 1 : 1;
}

/**
 * The column a position of a later pass's text has on the input line it maps to: kept when the two lines agree on
 * every character before it (nothing was inserted or removed ahead of it on that line), else column 1.
 */
export function carryColumn(text: string, starts: readonly number[], line: number, inputLine: string, column: number): number {
  if (column === 1) return 1;
  const prefix = text.slice(starts[line - 1], starts[line - 1] + column - 1);
  return inputLine.startsWith(prefix) && !prefix.includes('\n') ? column : 1;
}

/** Columns of fixes, as columns of the input: each pass's text is given as the engine reaches it. */
export class InputColumns {
  private readonly inputStarts: number[];
  private text = '';
  private starts: number[] = [0];

  constructor(private readonly input: string) {
    this.inputStarts = lineStarts(input);
  }

  /**
   * The input column of the first edit of a fix reported on `line` of `text` (the text of pass `pass`), whose input
   * line is `inputLine`.
   */
  column(text: string, pass: number, line: number, inputLine: number, edits: readonly Edit[]): number {
    if (text !== this.text) {
      this.text = text;
      this.starts = lineStarts(text);
    }
    const col = columnOn(this.starts, line, firstEditOffset(edits));
    if (pass === 1 || line > this.starts.length) return col;
    const from = this.inputStarts[inputLine - 1] ?? this.input.length;
    const to = this.inputStarts[inputLine] ?? this.input.length;
    return carryColumn(text, this.starts, line, this.input.slice(from, to), col);
  }
}
