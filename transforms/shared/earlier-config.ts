import { preorder } from '../../src/model/shell.js';
import type { Instruction, ShellCommand } from '../../src/model/types.js';
import { analysable, runsUpTo } from './package-managers.js';

/** Whether a word of the command (its name, arguments or prefix assignments) matches. */
function mentions(cmd: ShellCommand, re: RegExp): boolean {
  return [cmd.name, ...cmd.args, ...cmd.assignments].some((w) => w?.value && re.test(w.value));
}

/**
 * Offset of the first heredoc inside a RUN's shell text whose content matches (`cat > /etc/apt/apt.conf.d/90yes
 * <<EOF` in a heredoc script): text a command writes, never read as commands, but a setting all the same. Null when
 * there is none.
 */
export function heredocTextMatching(run: Instruction, re: RegExp): number | null {
  const sh = run.shell;
  if (!sh || !sh.ok || !run.heredoc) return null;
  for (const n of preorder(sh.root)) {
    if (n.type === 'heredoc_body' && re.test(sh.text.slice(n.start - sh.start, n.end - sh.start))) return n.start;
  }
  return null;
}

/**
 * The line of a RUN of the stage (or of a stage it is built FROM) that, before offset `before` of `ins`, runs a
 * command with a word matching `re` — how a Dockerfile writes a setting into a configuration file
 * (`echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90yes`), or has a heredoc whose text matches. Null
 * when there is none.
 */
export function settingWrittenBefore(ins: Instruction, before: number, re: RegExp): number | null {
  for (const run of runsUpTo(ins)) {
    if (!analysable(run)) continue;
    if (run.shell!.commands.some((c) => (run !== ins || c.node.start < before) && mentions(c, re))) return run.line;
    const at = heredocTextMatching(run, re);
    if (at !== null && (run !== ins || at < before)) return run.line;
  }
  return null;
}
