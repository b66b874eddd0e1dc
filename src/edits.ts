import MagicString from 'magic-string';

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

/** Apply non-overlapping edits to the text with magic-string. */
export function applyEdits(text: string, edits: Edit[]): string {
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
  return s.toString();
}
