import type { Instruction, Model, ShellCommand, Stage, Word } from '../model/types.js';

/** The last stage: the image the build produces (unless `--target` says otherwise). */
export function finalStage(m: Model): Stage {
  return m.stages[m.stages.length - 1];
}

/** Whether an instruction's stage ends up in the final image (the final stage or one it is built FROM). */
export function inFinalImage(ins: Instruction): boolean {
  return ins.stage?.inFinalImage ?? false;
}

/**
 * The base image of a stage: `FROM` resolved through ARG defaults and through earlier stages it is built FROM
 * (`FROM deps AS app` → the image `deps` starts from).
 */
export function baseImage(stage: Stage): string {
  let s = stage;
  while (s.baseStage) s = s.baseStage;
  return s.resolvedImage;
}

/** A shell command of a RUN with its words: `name` and `args` after wrappers like sudo/env, each with offsets. */
export interface Command {
  /** Command name as Docker's shell sees it after wrappers (`apt-get` in `sudo apt-get …`), null when dynamic. */
  name: string | null;
  /** The words of the command name and its arguments, with `value` (quotes removed) and file offsets. */
  words: Word[];
  /** Arguments only. */
  args: Word[];
  /** The model's full view of the command (prefix assignments, nesting). */
  command: ShellCommand;
}

/**
 * The simple commands of a RUN, in source order, nested ones included: of its shell-form body, or of its heredoc
 * script (`RUN <<EOF`; never of heredocs that are input of a command, `ins.heredocData` says why). Empty when the
 * RUN is not run by a POSIX shell, has no such script, or does not parse (check `ins.shell?.problem` to say why).
 */
export function commandsOf(ins: Instruction): Command[] {
  const sh = ins.name === 'RUN' ? ins.shell : null;
  if (!sh || !sh.ok) return [];
  return sh.commands.flatMap((c) => {
    const eff = c.effective ?? (c.name ? { name: c.name, args: c.args } : null);
    if (!eff) return [];
    const base = eff.name.value === null ? null : eff.name.value.replace(/^.*\//, '');
    return [{ name: base, words: [eff.name, ...eff.args], args: eff.args, command: c }];
  });
}

/** Instructions with this name (`'RUN'`, `'FROM'`), any case as written. */
export function instructionsNamed(m: Model, name: string): Instruction[] {
  const n = name.toUpperCase();
  return m.instructions.filter((i) => i.name === n);
}
