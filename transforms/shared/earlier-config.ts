import type { Instruction, ShellCommand } from '../../src/model/types.js';
import { analysable, runsUpTo } from './package-managers.js';

/** Whether a word of the command (its name, arguments or prefix assignments) matches. */
function mentions(cmd: ShellCommand, re: RegExp): boolean {
  return [cmd.name, ...cmd.args, ...cmd.assignments].some((w) => w?.value && re.test(w.value));
}

/**
 * The line of a RUN of the stage (or of a stage it is built FROM) that, before offset `before` of `ins`, runs a
 * command with a word matching `re` — how a Dockerfile writes a setting into a configuration file
 * (`echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90yes`). Null when there is none.
 */
export function settingWrittenBefore(ins: Instruction, before: number, re: RegExp): number | null {
  for (const run of runsUpTo(ins)) {
    if (!analysable(run)) continue;
    if (run.shell!.commands.some((c) => (run !== ins || c.node.start < before) && mentions(c, re))) return run.line;
  }
  return null;
}
