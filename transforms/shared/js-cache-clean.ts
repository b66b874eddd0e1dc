/**
 * Cleaning the download cache of a JavaScript package manager (yarn classic, npm) at the end of the RUN that fills
 * it, in stages that end up in the final image.
 */
import type { Instruction, Model, ShellCommand, Word } from '../../src/model/types.js';
import type { Fix, Skip, TransformContext } from '../../src/transform-types.js';
import { analysableRuns, appendCommand, childStages, covers, mountsOf, rmPaths } from './package-managers.js';
import { enclosing } from './shell-context.js';

/** A command of the tool, read from its words. */
export interface JsCommand {
  cmd: ShellCommand;
  /** The word naming the tool. */
  name: Word;
  /** The first word after the tool that is not an option (null: only options; `dynamic`: an expansion). */
  sub: string | null | 'dynamic';
  /** The word after the subcommand (`global add`, `cache clean`). */
  sub2: string | null;
  /** Option words (`--x`, `--x=y`, `-x`), as written, with the option's argument value when it takes one. */
  options: Array<{ name: string; arg: string | null }>;
  sudo: boolean;
}

export interface JsCacheTool {
  /** Command names of the tool (`yarn`, `yarnpkg`). */
  names: string[];
  /** Long options that take the next word as their argument. */
  optionsWithArg: Set<string>;
  /** What the cache is called in messages. */
  what: string;
  /** Arguments of the cleanup command, after the tool's name (`cache clean --force`). */
  cleanupArgs: string;
  /** The command fills the cache (installs packages). */
  fills(c: JsCommand): boolean;
  /** The command reads packages only from the cache (`--offline`): the cache must still be there. */
  needs(c: JsCommand): boolean;
  /** The command cleans the cache (`yarn cache clean`, or rm of the cache directory). */
  cleans(c: JsCommand | null, cmd: ShellCommand): boolean;
  /** Why the command keeps its cache elsewhere (an option or a prefix assignment), or null. */
  ownCache(c: JsCommand): string | null;
  /** A cache/tmpfs mount target that holds the cache. */
  mountHolds(target: string, ins: Instruction): boolean;
  /** Why the file (or its build context) cannot be handled at all, or null. */
  fileProblem?(m: Model, ctx: TransformContext, runs: Instruction[]): string | null;
}

const base = (v: string) => v.slice(v.lastIndexOf('/') + 1);

/** Read a command as one of the tool's commands, or null. */
export function jsCommand(tool: JsCacheTool, cmd: ShellCommand): JsCommand | null {
  const eff = cmd.effective;
  const name = eff?.name.value ?? null;
  if (!eff || name === null || !tool.names.includes(base(name))) return null;
  const options: JsCommand['options'] = [];
  const positional: Array<Word> = [];
  const args = eff.args;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v !== null && v.startsWith('-') && v.length > 1) {
      const eq = v.indexOf('=');
      if (eq > 0) options.push({ name: v.slice(0, eq), arg: v.slice(eq + 1) });
      else if (tool.optionsWithArg.has(v)) options.push({ name: v, arg: args[++i]?.value ?? null });
      else options.push({ name: v, arg: null });
      continue;
    }
    positional.push(args[i]);
  }
  const first = positional[0];
  const sub = first === undefined ? null : first.value === null ? 'dynamic' : first.value;
  const sudo = basenameIs(cmd.name, 'sudo') || cmd.args.some((a) => a.start < eff.name.start && basenameIs(a, 'sudo'));
  return { cmd, name: eff.name, sub, sub2: positional[1]?.value ?? null, options, sudo };
}

function basenameIs(w: Word | null, name: string): boolean {
  return w?.value != null && base(w.value) === name;
}

export const hasOpt = (c: JsCommand, ...names: string[]) => c.options.some((o) => names.includes(o.name));

/** rm of a path that matches. */
export function removes(cmd: ShellCommand, re: RegExp): boolean {
  return rmPaths(cmd)?.some((p) => re.test(p)) ?? false;
}

interface RunUse {
  ins: Instruction;
  fills: JsCommand[];
  /** The RUN cleans the cache after its last fill. */
  cleanAfterLastFill: boolean;
  needs: boolean;
}

function runUse(tool: JsCacheTool, ins: Instruction): RunUse {
  const use: RunUse = { ins, fills: [], cleanAfterLastFill: false, needs: false };
  for (const c of ins.shell!.commands) {
    const js = jsCommand(tool, c);
    if (tool.cleans(js, c)) {
      if (use.fills.length) use.cleanAfterLastFill = true;
      continue;
    }
    if (!js) continue;
    if (tool.needs(js)) use.needs = true;
    if (tool.fills(js)) {
      use.fills.push(js);
      use.cleanAfterLastFill = false;
    }
  }
  return use;
}

/** A RUN after `ins` in its stage, or in a stage built FROM it, that needs the cache: its line, or null. */
function laterNeed(m: Model, tool: JsCacheTool, ins: Instruction, runs: Map<Instruction, RunUse>): number | null {
  const stages = [ins.stage!];
  for (let i = 0; i < stages.length; i++) stages.push(...childStages(m, stages[i]).filter((s) => !stages.includes(s)));
  for (const s of stages) {
    for (const i of s.instructions) {
      if (i.index <= ins.index) continue;
      if (runs.get(i)?.needs) return i.line;
    }
  }
  return null;
}

/**
 * Why the working directory at the end of the RUN may no longer exist, or null: an `rm` after the last `cd` (or of
 * the WORKDIR) removes it or a parent, or a path the codemod cannot place. Node programs (npm, yarn) fail to start
 * in a removed directory (`ENOENT: uv_cwd`), where the shell's own `rm` would not.
 */
function cwdMayBeGone(ins: Instruction): string | null {
  let cwd: string | null = ins.state.workdir;
  for (const c of ins.shell!.commands) {
    const name = c.name?.value ?? null;
    if (!c.contained && (name === 'cd' || name === 'pushd' || name === 'popd')) {
      const target = name === 'popd' ? null : c.args.find((a) => a.value === null || !a.value.startsWith('-')) ?? null;
      cwd = target?.value?.startsWith('/') ? target.value : null;
      continue;
    }
    // A relative path is below the working directory (rm refuses `.` and `..`), unless it climbs out of it.
    const paths = rmPaths(c)?.filter((p) => p.startsWith('/') || p === '..' || p.startsWith('../'));
    if (!paths || paths.length === 0) continue;
    if (cwd === null) return `it removes ${paths[0]} after changing to a directory the codemod cannot place`;
    const gone = paths.find((p) => !p.startsWith('/') || covers(p, cwd!));
    if (gone !== undefined) return `it removes ${gone}, which may hold its working directory (${cwd})`;
  }
  return null;
}

/** Plan the cleanups of one tool over the file. */
export function planJsCacheClean(m: Model, ctx: TransformContext, tool: JsCacheTool, mention: string[]): { fixes: Fix[]; skips: Skip[] } {
  const fixes: Fix[] = [];
  const skips: Skip[] = [];
  const runs = new Map<Instruction, RunUse>();
  for (const ins of analysableRuns(m, mention, 'install', skips)) runs.set(ins, runUse(tool, ins));
  const filling = [...runs.values()].filter((u) => u.fills.length && !u.cleanAfterLastFill && u.ins.stage!.inFinalImage);
  if (filling.length === 0) return { fixes, skips };
  const problem = tool.fileProblem?.(m, ctx, [...runs.keys()]) ?? null;
  for (const u of filling) {
    const { ins } = u;
    const line = ins.line;
    const skip = (reason: string) => skips.push({ reason: `${tool.what} not cleaned in the RUN on line ${line}: ${reason}`, line });
    if (mountsOf(ins).some((mt) => (mt.type === 'cache' || mt.type === 'tmpfs') && mt.target !== null && tool.mountHolds(mt.target, ins))) continue;
    if (problem) {
      skip(problem);
      continue;
    }
    const own = u.fills.map((f) => tool.ownCache(f)).find((r) => r !== null);
    if (own) {
      skip(own);
      continue;
    }
    const need = laterNeed(m, tool, ins, runs);
    if (need !== null) {
      skip(`the RUN on line ${need} installs from the cache (--offline)`);
      continue;
    }
    const sudo = u.fills.filter((f) => f.sudo).length;
    if (sudo > 0 && sudo < u.fills.length) {
      skip('some installs run through sudo and some do not: the cache of which user?');
      continue;
    }
    const gone = cwdMayBeGone(ins);
    if (gone) {
      skip(`${gone}: ${tool.names[0]} cannot start in a removed directory`);
      continue;
    }
    if (ins.shell!.stateChanges.includes('exec')) {
      skip('it runs exec, which ends the shell: a command appended after it may never run');
      continue;
    }
    // The tool may be on PATH only inside `sh -c '…'` or a subshell that set it up (nvm): the cleanup runs outside.
    if (u.fills.every((f) => f.cmd.viaShellString || enclosing(ins, f.cmd).some((n) => n.type === 'subshell' || n.type === 'command_substitution'))) {
      skip(`it runs ${tool.names[0]} only inside sh -c or a subshell, whose PATH the appended command may not have`);
      continue;
    }
    // The tool as the RUN names it (`/opt/node/bin/npm`), so that the cleanup runs the same program.
    const last = u.fills[u.fills.length - 1].name;
    const name = last.value !== null && last.raw === last.value && /^[\w./+-]+$/.test(last.raw) ? last.raw : tool.names[0];
    const command = `${sudo ? 'sudo ' : ''}${name} ${tool.cleanupArgs}`;
    const edit = appendCommand(m, ins, command);
    if (typeof edit === 'string') {
      skip(edit);
      continue;
    }
    fixes.push({
      message: `added ${command} at the end of the RUN on line ${line}`,
      line,
      edits: [edit],
      touches: [ins.index],
    });
  }
  return { fixes, skips };
}
