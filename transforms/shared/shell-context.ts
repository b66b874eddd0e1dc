import type { Instruction, ShellCommand, SyntaxNode } from '../../src/model/types.js';

/**
 * The nodes of a RUN body's tree that enclose a command, outermost first (found by span, so a command inside an
 * `sh -c '…'` string gets the nodes around that string).
 */
export function enclosing(ins: Instruction, cmd: ShellCommand): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const { start, end, type } = cmd.node;
  const isCmd = (n: SyntaxNode) => n === cmd.node || (n.start === start && n.end === end && n.type === type);
  let n: SyntaxNode | undefined = ins.shell?.root;
  while (n && !isCmd(n)) {
    out.push(n);
    n = n.children.find((c) => c.start <= start && c.end >= end);
  }
  return out;
}

/** The command reads its standard input from an earlier command of a pipeline (`yes | apt-get install …`). */
export function stdinFromPipe(ins: Instruction, cmd: ShellCommand): boolean {
  const { start } = cmd.node;
  return enclosing(ins, cmd).some((n) => n.type === 'pipeline' && n.children.some((c) => c.named && c.end <= start));
}

/**
 * The command's failure does not fail the RUN: it stands left of `||` (`apt-get install x || true`), in the
 * condition of `if`/`while`/`until`, or after `!`.
 */
export function failureIgnored(ins: Instruction, cmd: ShellCommand): boolean {
  const { start, end } = cmd.node;
  for (const n of enclosing(ins, cmd)) {
    if (n.type === 'list') {
      const op = n.children.find((c) => !c.named);
      if (op?.type === '||' && end <= op.start) return true;
    }
    if (n.type === 'negated_command') return true;
    const cond = n.children.filter((c) => c.field === 'condition');
    if (cond.some((c) => c.start <= start && c.end >= end)) return true;
  }
  return false;
}
