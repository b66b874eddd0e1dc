/**
 * The install RUN of deps-copy-first: which commands install, in which directory, and how the RUN is cut so the
 * install can run before the sources are copied.
 */
import type { Instruction, ShellBody, ShellCommand, SyntaxNode } from '../../src/model/types.js';
import { preorder } from '../../src/model/shell.js';
import { resolvePath } from '../../src/model/vars.js';
import { recogniseInstall, type Analysis, type Install } from './manifests.js';
import type { Layout } from './edits.js';
import { commandProblem, disallowedNode, homeOf, scopeProblem, walkCommands, type Footprint } from './safe-commands.js';

export interface Found {
  install: Install;
  cwd: string;
  /** Index of the && element holding it (null when the body is no && list). */
  element: number | null;
}

/** A RUN's top-level `a && b && c` elements, or null when the body is something else. */
function andElements(body: ShellBody): SyntaxNode[] | null {
  if (!body.andList) return null;
  const out: SyntaxNode[] = [];
  for (const n of preorder(body.statements[0], (n) => n.type === 'list')) {
    if (n.named && n.type !== 'list') out.push(n);
  }
  return out;
}

const inside = (c: ShellCommand, n: SyntaxNode) => c.node.start >= n.start && c.node.end <= n.end;

const STATE = new Set(['cd', 'pushd', 'popd', 'export', 'unset', 'set', 'shopt', 'umask', 'source', '.', 'alias', 'trap',
  'ulimit', 'exit', 'exec', 'eval', 'readonly', 'declare', 'typeset', 'local', 'shift', 'hash']);

function changesState(c: ShellCommand): string | null {
  if (!c.name) return 'a variable assignment';
  const n = c.effective?.name.value ?? c.name.value;
  return n && STATE.has(n) ? n : null;
}

/** Find the installs of a RUN and the directory each runs in. */
export function findInstalls(r: Instruction, body: ShellBody): { found: Found[]; problem: string | null } {
  const found: Found[] = [];
  let problem: string | null = null;
  const elements = andElements(body);
  walkCommands(body, r.state.workdir, (cmd, cwd) => {
    const install = recogniseInstall(cmd);
    if (!install) return null;
    const scope = scopeProblem(body, cmd);
    if (scope) problem ??= `${install.label} ${scope}`;
    if (cwd === null) problem ??= `${install.label} runs in a directory that cannot be determined`;
    const dir = install.chdir ? resolvePath(cwd ?? r.state.workdir, install.chdir) : cwd ?? r.state.workdir;
    const element = elements ? elements.findIndex((n) => inside(cmd, n)) : null;
    found.push({ install, cwd: dir, element });
    return null;
  });
  return { found, problem };
}

export function commandVars(r: Instruction, cmd: ShellCommand): Record<string, string> {
  const vars = Object.create(r.state.vars) as Record<string, string>;
  for (const a of cmd.assignments) {
    const eq = a.raw.indexOf('=');
    if (eq > 0) vars[a.raw.slice(0, eq)] = (a.value ?? a.raw).slice(a.value ? a.value.indexOf('=') + 1 : eq + 1);
  }
  return vars;
}

/** Commands of the stage's earlier RUNs. */
export function earlierCommands(r: Instruction): ShellCommand[] {
  const out: ShellCommand[] = [];
  for (const ins of r.stage?.instructions ?? []) {
    if (ins === r) break;
    if (ins.name === 'RUN' && ins.shell?.ok) out.push(...ins.shell.commands);
  }
  return out;
}

/** An earlier RUN of the stage already runs the dependency-only form of this install in the same directory. */
export function dependencyRunBefore(r: Instruction, f: Found): boolean {
  for (const ins of r.stage?.instructions ?? []) {
    if (ins === r) break;
    if (ins.name !== 'RUN' || !ins.shell?.ok) continue;
    const { found } = findInstalls(ins, ins.shell);
    if (found.some((g) => g.install.ecosystem === f.install.ecosystem && g.install.depsOnly && g.cwd === f.cwd)) return true;
  }
  return false;
}

/** Index of the stage's last RUN before `r` that installs dependencies (-1 when none). */
export function lastInstallBefore(r: Instruction): number {
  let last = -1;
  for (const ins of r.stage?.instructions ?? []) {
    if (ins === r) break;
    if (ins.name === 'RUN' && ins.shell?.ok && ins.shell.commands.some((c) => recogniseInstall(c))) last = ins.index;
  }
  return last;
}

/** How the install RUN is cut: all of it moves, or it splits after the install, or an early copy runs first. */
export function splitLayout(r: Instruction, body: ShellBody, found: Found[], analyses: Array<{ f: Found; a: Analysis }>, fp: Footprint): Layout | { problem: string } {
  const installs = new Set(found.map((f) => f.install.cmd));
  const earlyFlags = new Map<ShellCommand, string[]>();
  for (const { f, a } of analyses) if (a.earlyFlags?.length) earlyFlags.set(f.install.cmd, a.earlyFlags);
  const vars = r.state.vars;
  const home = homeOf(vars, r.state.user);
  const check = (c: ShellCommand, cwd: string | null) => (installs.has(c) ? null : commandProblem(c, { cwd, vars, home, fp }, body));
  const elements = andElements(body);
  if (!elements) {
    const odd = disallowedNode(body.root);
    if (odd) return { problem: `the RUN uses a ${odd}, which cannot be analysed` };
    const why = walkCommands(body, r.state.workdir, check);
    if (why) return { problem: `the RUN also runs commands that may need the sources (${why}), and it is not a plain && list to split after the install` };
    return earlyFlags.size ? { mode: 'early', end: body.codeEnd, earlyFlags } : { mode: 'whole' };
  }
  const last = Math.max(...found.map((f) => f.element ?? 0));
  const cwdOf = new Map<ShellCommand, string | null>();
  walkCommands(body, r.state.workdir, (c, cwd) => {
    cwdOf.set(c, cwd);
    return null;
  });
  const simple = (n: SyntaxNode) => ['command', 'redirected_statement', 'subshell'].includes(n.type) && !disallowedNode(n);
  const stateChanges: string[] = [];
  // Commands up to the install must be safe to run without the sources.
  for (let i = 0; i <= last; i++) {
    const n = elements[i];
    if (!simple(n)) return { problem: `the RUN runs a ${n.type.replace(/_/g, ' ')} before the install, which cannot be analysed` };
    for (const c of body.commands.filter((x) => inside(x, n))) {
      const s = c.contained ? null : changesState(c);
      if (s) stateChanges.push(s);
      if (!cwdOf.has(c)) continue;
      const why = check(c, cwdOf.get(c)!);
      if (why) return { problem: `the RUN runs ${c.effective?.name.value ?? 'a command'} before the install: ${why}` };
    }
  }
  // Trailing commands that are safe too (cache cleanup) go with the install.
  let k = last;
  while (k + 1 < elements.length) {
    const n = elements[k + 1];
    if (!simple(n)) break;
    const cmds = body.commands.filter((x) => inside(x, n));
    if (cmds.some((c) => (!c.contained && changesState(c)) || installs.has(c) || !cwdOf.has(c) || check(c, cwdOf.get(c)!))) break;
    k++;
  }
  const end = elements[k].end;
  if (earlyFlags.size) return { mode: 'early', end, earlyFlags };
  if (k === elements.length - 1) return { mode: 'whole' };
  if (stateChanges.length) return { problem: `the part of the RUN that installs changes shell state (${stateChanges[0]}) that the rest of it uses` };
  return { mode: 'split', end, restStart: elements[k + 1].start };
}
