import type { Instruction, ShellCommand } from '../../src/model/types.js';
import { shellWrites } from '../shared/shell-writes.js';

/**
 * RUNs that only print: a debug step or a build-cache demonstration (`RUN cat /etc/os-release`, `RUN node -v`).
 * They write nothing to the file system, so their layer is empty and joining them to a neighbour saves nothing.
 */

/** Commands that only read and print, whatever their arguments (none of them writes a file it is given). */
const PRINTERS = new Set([
  'cat', 'echo', 'printf', 'ls', 'pwd', 'env', 'printenv', 'whoami', 'id', 'uname', 'true', ':', 'which', 'type',
  'nproc', 'arch', 'groups', 'df', 'free', 'head', 'wc', 'stat', 'tree',
]);

/** A lone argument that asks a program for its version. */
const VERSION = new Set(['--version', '-v', '-V', '-version', 'version']);

const base = (v: string): string => v.slice(v.lastIndexOf('/') + 1);

function printsOnly(c: ShellCommand): boolean {
  if (c.name === null || c.name.value === null) return false;
  const eff = c.effective ?? { name: c.name, args: c.args };
  const name = eff.name.value === null ? null : base(eff.name.value);
  if (name === null) return false;
  // `env` and `command -v x` without a command to run: the model gives them no effective command.
  if (c.effective === null) return name === 'env' || (name === 'command' && ['-v', '-V'].includes(c.args[0]?.value ?? ''));
  const args = eff.args.map((a) => a.value);
  if (args.some((a) => a === null)) return false;
  if (PRINTERS.has(name)) return true;
  // `date` prints unless told to set the clock; `hostname` prints unless given a name to set.
  if (name === 'date') return !args.some((a) => /^(-s|--set)/.test(a!));
  if (name === 'hostname') return args.length === 0;
  return args.length === 1 && VERSION.has(args[0]!);
}

/** Whether every command of the RUN only prints and nothing is redirected into a file. */
export function printOnlyRun(ins: Instruction): boolean {
  const sh = ins.shell;
  if (ins.json || ins.heredoc || !sh || !sh.ok || sh.commands.length === 0) return false;
  if (!sh.commands.every((c) => !c.viaShellString && printsOnly(c))) return false;
  return shellWrites(sh.text).length === 0;
}
