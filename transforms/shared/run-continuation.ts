import type { Instruction, Model } from '../../src/model/types.js';

interface Lines {
  /** Indents of the continuation lines of code, in order. */
  all: string[];
  /** Indents of those that start a command: after a line ending in `&& \`, `; \`, `| \` or `|| \`, or beginning with one of those operators. */
  commands: string[];
  leading: number;
  trailing: number;
}

/** The continuation lines of a RUN up to `end`. */
function continuationLines(m: Model, ins: Instruction, end: number): Lines {
  const esc = m.escape === '\\' ? '\\\\' : m.escape;
  const endsWithOperator = new RegExp(`(&&|\\|\\|?|;)[ \\t]*${esc}[ \\t]*$`);
  const lines = m.text.slice(ins.argsStart, end).split('\n').map((l) => l.replace(/\r$/, ''));
  const out: Lines = { all: [], commands: [], leading: 0, trailing: 0 };
  let prev = lines[0];
  for (const line of lines.slice(1)) {
    if (/^[ \t]*(#.*)?$/.test(line)) continue;
    const indent = /^[ \t]*/.exec(line)![0];
    const lead = /^[ \t]*(&&|\|\|?|;)/.test(line);
    const trail = endsWithOperator.test(prev);
    if (lead) out.leading++;
    if (trail) out.trailing++;
    out.all.push(indent);
    if (lead || trail) out.commands.push(indent);
    prev = line;
  }
  return out;
}

/**
 * How a command appended at `pos` to a RUN with continuation lines of its own is indented, and where its `&&`
 * goes (null: the RUN does not show it). The indent is that of the RUN's last line that starts a command, else (its
 * continuation lines only carry arguments, a package list) that of its last line: the RUN's own layout, not one
 * from elsewhere in the file. Null for a RUN with no continuation line of code.
 */
export function ownContinuation(m: Model, ins: Instruction, pos: number): { indent: string; andPosition: 'leading' | 'trailing' | null } | null {
  const own = continuationLines(m, ins, pos);
  if (!own.all.length) return null;
  const indent = own.commands.at(-1) ?? own.all.at(-1)!;
  return { indent, andPosition: own.leading > own.trailing ? 'leading' : own.trailing > own.leading ? 'trailing' : null };
}
