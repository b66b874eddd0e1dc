import { continuationLines } from '../../src/model/style.js';
import type { Instruction, Model } from '../../src/model/types.js';

/**
 * How a command appended at `pos` to a RUN with continuation lines of its own is indented, and where its `&&`
 * goes (null: the RUN does not show it). The indent is that of the RUN's last line that starts a command, else (its
 * continuation lines only carry arguments, a package list) that of its last line: the RUN's own layout, not one
 * from elsewhere in the file. Null for a RUN with no continuation line of code.
 */
export function ownContinuation(m: Model, ins: Instruction, pos: number): { indent: string; andPosition: 'leading' | 'trailing' | null } | null {
  const lines = continuationLines(m.text.slice(ins.argsStart, pos), m.escape);
  if (!lines.length) return null;
  const commands = lines.filter((l) => l.lead !== null || l.trail !== null);
  const leading = lines.filter((l) => l.lead !== null).length;
  const trailing = lines.filter((l) => l.trail !== null).length;
  const indent = (commands.at(-1) ?? lines.at(-1)!).indent;
  return { indent, andPosition: leading > trailing ? 'leading' : trailing > leading ? 'trailing' : null };
}
