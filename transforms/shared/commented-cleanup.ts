/**
 * A cleanup the author wrote and then commented out is a decision, not an oversight: a comment line inside the
 * RUN (Docker drops those from the continuation) or in the block of comment lines right above it.
 */
import type { Instruction, Model } from '../../src/model/types.js';

/** Line of a comment of `ins` (inside it, or directly above it) that matches `cleanup`, or null. */
export function commentedCleanup(m: Model, ins: Instruction, cleanup: RegExp): number | null {
  const inside = m.comments.find((c) => c.start > ins.start && c.start < ins.end && cleanup.test(c.content));
  if (inside) return m.lineOf(inside.start);
  // Comment lines right above the RUN, nearest first, up to a blank line or another instruction.
  let line = ins.line - 1;
  const byLine = new Map(m.comments.map((c) => [m.lineOf(c.start), c]));
  for (let c = byLine.get(line); c && c.end <= ins.start; c = byLine.get(--line)) {
    if (!/^[ \t]*#/.test(m.text.slice(m.text.lastIndexOf('\n', c.start - 1) + 1, c.end))) break;
    if (cleanup.test(c.content)) return line;
  }
  return null;
}
