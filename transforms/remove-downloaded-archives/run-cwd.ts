import type { Instruction, ShellCommand } from '../../src/model/types.js';
import { expandVars, hasVariable, resolvePath } from '../../src/model/vars.js';

/**
 * The working directory each command of a RUN starts in: the WORKDIR, changed by `cd DIR` at the top level of the
 * body. Unknown (null) from a `cd` the codemod cannot follow (no argument, `-`, a variable it cannot resolve, `pushd`)
 * and, for the commands after it, from a `cd` inside a subshell or other contained part.
 */
export function runCwds(ins: Instruction): Map<ShellCommand, string | null> {
  const out = new Map<ShellCommand, string | null>();
  const vars = ins.state.vars;
  let cwd: string | null = hasVariable(ins.state.workdir) ? null : ins.state.workdir;
  for (const c of ins.shell?.commands ?? []) {
    out.set(c, cwd);
    const name = c.effective?.name.value ?? c.name?.value ?? null;
    if (name !== 'cd' && name !== 'pushd' && name !== 'popd') continue;
    const args = (c.effective?.args ?? c.args).filter((a) => a.value !== '--' && a.value !== '-P' && a.value !== '-L');
    const arg = args.length === 1 ? args[0] : null;
    const dir = arg === null ? null : arg.value ?? (/^"?[^"`$()]*(\$\{?[A-Za-z_]\w*\}?[^"`$()]*)*"?$/.test(arg.raw) ? expandVars(arg.raw.replace(/"/g, ''), vars) : null);
    if (c.contained || name !== 'cd' || cwd === null || dir === null || dir === '-' || hasVariable(dir) || dir.startsWith('~')) cwd = null;
    else cwd = resolvePath(cwd, dir);
  }
  return out;
}
