import MagicString from 'magic-string';
import { fineEdits } from './line-origin.js';

/** Replace `[start, end)` by `text` (an insertion when start === end, a removal when text is ''). */
export interface ReplaceEdit {
  start: number;
  end: number;
  text: string;
}

/** Move `[start, end)` unchanged to offset `to` (offsets of the original text). */
export interface MoveEdit {
  start: number;
  end: number;
  to: number;
  move: true;
}

export type Edit = ReplaceEdit | MoveEdit;

export function isMove(e: Edit): e is MoveEdit {
  return (e as MoveEdit).move === true;
}

/** Offsets an edit occupies: the replaced span, or the moved span and its destination. */
function footprint(e: Edit): Array<[number, number]> {
  return isMove(e) ? [[e.start, e.end], [e.to, e.to]] : [[e.start, e.end]];
}

/** Two footprints overlap when they share an offset; touching spans count (as in ESLint's fixer). */
export function editsOverlap(a: Edit[], b: Edit[]): boolean {
  for (const [s1, e1] of a.flatMap(footprint)) {
    for (const [s2, e2] of b.flatMap(footprint)) {
      if (s1 <= e2 && s2 <= e1) return true;
    }
  }
  return false;
}

/**
 * The footprints of the edits accepted so far in a pass, kept as sorted, disjoint spans (overlapping or touching ones
 * merged), so a pass with thousands of fixes checks each new fix in logarithmic time instead of against every
 * accepted one.
 */
export class AcceptedEdits {
  private readonly spans: Array<[number, number]> = [];

  /** Whether any of these edits overlaps (or touches) an accepted one. */
  overlaps(edits: Edit[]): boolean {
    for (const [s, e] of edits.flatMap(footprint)) {
      // The first accepted span that does not end before s is the only one that can overlap [s, e].
      const i = this.firstEndingFrom(s);
      if (i < this.spans.length && this.spans[i][0] <= e) return true;
    }
    return false;
  }

  add(edits: Edit[]): void {
    for (const [s, e] of edits.flatMap(footprint)) {
      const i = this.firstEndingFrom(s);
      let j = i;
      let start = s;
      let end = e;
      while (j < this.spans.length && this.spans[j][0] <= end) {
        start = Math.min(start, this.spans[j][0]);
        end = Math.max(end, this.spans[j][1]);
        j++;
      }
      this.spans.splice(i, j - i, [start, end]);
    }
  }

  private firstEndingFrom(offset: number): number {
    let lo = 0;
    let hi = this.spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.spans[mid][1] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Apply non-overlapping edits to the text with magic-string. */
export function applyEdits(text: string, edits: Edit[]): string {
  return editedString(text, edits).toString();
}

/**
 * Apply non-overlapping edits, and say for each line of the result which line of `text` it came from (1-based; a line
 * made only of inserted text counts as the line the insertion follows).
 */
export function applyEditsWithLines(text: string, edits: Edit[]): { text: string; origin: (line: number) => number } {
  const s = editedString(text, edits);
  const result = s.toString();
  let lines: number[] | null = null;
  const origin = (line: number): number => {
    if (!lines) {
      // Per result line, the source line of its first mapped segment; -1 where the line has none. The map is made
      // from the edits split as finely as they go (when that gives the same text, as it does by design), so text
      // a replacement keeps maps to the line it stood on, not to the replacement's first line.
      const map = finerString(text, edits, result, s).generateDecodedMap({ hires: false }).mappings;
      lines = map.map((segs) => (segs.length > 0 ? (segs[0][2] as number) + 1 : -1));
    }
    for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) if (lines[i] > 0) return lines[i];
    return lines.find((l) => l > 0) ?? 1;
  };
  return { text: result, origin };
}

/** The edits applied split as finely as they go, when that gives `result` (else `coarse`, the edits as given). */
function finerString(text: string, edits: Edit[], result: string, coarse: MagicString): MagicString {
  try {
    const fine = editedString(text, fineEdits(text, edits));
    return fine.toString() === result ? fine : coarse;
  } catch {
    return coarse;
  }
}

function editedString(text: string, edits: Edit[]): MagicString {
  const s = new MagicString(text);
  for (const e of edits) {
    if (isMove(e)) {
      s.move(e.start, e.end, e.to);
    } else if (e.start === e.end) {
      s.appendLeft(e.start, e.text);
    } else if (e.text === '') {
      s.remove(e.start, e.end);
    } else {
      s.overwrite(e.start, e.end, e.text);
    }
  }
  return s;
}
