import { diffChars } from 'diff';
import { isMove, type Edit, type ReplaceEdit } from './edits.js';

/** Largest edit distance worked out inside one replacement (larger ones keep the replacement whole). */
const MAX_EDIT_LENGTH = 400;

/**
 * A replacement split into the smallest replacements that give the same text, so that the text it keeps (the
 * bodies chain-runs re-joins with ` && \⏎    `) maps back to where it stood; the replacement itself when the two
 * texts differ too much to work out.
 */
function split(text: string, e: ReplaceEdit): ReplaceEdit[] {
  const before = text.slice(e.start, e.end);
  if (before === '' || e.text === '') return [e];
  const parts = diffChars(before, e.text, { maxEditLength: MAX_EDIT_LENGTH });
  if (!parts) return [e];
  const out: ReplaceEdit[] = [];
  let at = e.start;
  let open: ReplaceEdit | null = null;
  for (const p of parts) {
    if (!p.added && !p.removed) {
      if (open) out.push(open);
      open = null;
      at += p.value.length;
      continue;
    }
    open ??= { start: at, end: at, text: '' };
    if (p.removed) {
      at += p.value.length;
      open.end = at;
    } else open.text += p.value;
  }
  if (open) out.push(open);
  return out;
}

/** The edits with every replacement split as finely as its text allows (moves kept as they are). */
export function fineEdits(text: string, edits: readonly Edit[]): Edit[] {
  return edits.flatMap<Edit>((e) => (isMove(e) ? [e] : split(text, e)));
}
