// The line diff module alone, as in diff.ts: the package's index loads every kind of diff.
import { diffLines } from 'diff/lib/diff/line.js';

/** Replace `length` characters of the input at `offset` (UTF-16 code units) by `text`. */
export interface TextReplacement {
  offset: number;
  length: number;
  text: string;
}

/** Line edits beyond which no minimal diff is searched for (as in diff.ts): one replacement spans every change. */
const MAX_EDIT_LENGTH = 4000;

/**
 * The change from `before` to `after` as replacements on `before`, one per block of changed lines (lines with their
 * line endings, so CRLF and a missing final newline come through), in order and not overlapping: applied from the
 * last to the first, they turn `before` into `after` exactly.
 */
export function textReplacements(before: string, after: string): TextReplacement[] {
  if (before === after) return [];
  const parts = diffLines(before, after, { maxEditLength: MAX_EDIT_LENGTH });
  if (!parts) return [oneReplacement(before, after)];
  const out: TextReplacement[] = [];
  let offset = 0;
  let open: TextReplacement | null = null;
  for (const p of parts) {
    if (!p.added && !p.removed) {
      open = null;
      offset += p.value.length;
      continue;
    }
    if (!open) out.push((open = { offset, length: 0, text: '' }));
    if (p.removed) {
      open.length += p.value.length;
      offset += p.value.length;
    } else {
      open.text += p.value;
    }
  }
  return out;
}

/** One replacement from the first differing character to the last. */
function oneReplacement(before: string, after: string): TextReplacement {
  let pre = 0;
  while (pre < before.length && pre < after.length && before[pre] === after[pre]) pre++;
  let suf = 0;
  while (suf < before.length - pre && suf < after.length - pre && before[before.length - 1 - suf] === after[after.length - 1 - suf]) suf++;
  return { offset: pre, length: before.length - pre - suf, text: after.slice(pre, after.length - suf) };
}

/** Apply replacements made by textReplacements (for checks). */
export function applyReplacements(before: string, replacements: readonly TextReplacement[]): string {
  let text = before;
  for (const r of [...replacements].reverse()) text = text.slice(0, r.offset) + r.text + text.slice(r.offset + r.length);
  return text;
}
