import type { Instruction, ShellCommand } from '../../src/model/types.js';
import { alreadyInstalled } from './installed-packages.js';
import { aptMount, followLists } from './lists-state.js';
import { analysableRuns, parsePm, runsAsRoot, type PmCommand } from '../shared/package-managers.js';
import { enclosing, failureIgnored } from '../shared/shell-context.js';
import type { Fix, Skip, Transform } from '../../src/transform-types.js';

const LOOPS = new Set(['for_statement', 'c_style_for_statement', 'while_statement', 'until_statement']);

/**
 * Why `apt-get update && ` cannot go right before the command, or null: the new `&&` must bind to the install
 * alone, so the command must start a statement or stand right of `&&` (not in a pipeline, right of `||`, in a
 * command substitution or a loop).
 */
function placementProblem(ins: Instruction, cmd: ShellCommand): string | null {
  const nodes = enclosing(ins, cmd);
  if (nodes.some((n) => LOOPS.has(n.type))) return 'it runs in a loop';
  if (nodes.some((n) => n.type === 'command_substitution' || n.type === 'process_substitution')) return 'it runs in a command substitution';
  const parents = nodes.filter((n) => n.type !== 'redirected_statement');
  const parent = parents[parents.length - 1];
  if (!parent) return null;
  if (parent.type === 'pipeline') return 'it is part of a pipeline';
  if (parent.type === 'list') {
    const op = parent.children.find((c) => !c.named);
    if (op?.type === '||' && cmd.node.start > op.start) return 'it runs only when the command before `||` fails';
  }
  return null;
}

/** Static operands are all local .deb files (`./x.deb`, `/tmp/x.deb`), or some operand cannot be read. */
function operandsProblem(pm: PmCommand): string | null {
  const ops = pm.operands;
  if (ops.length === 0) return 'it names no package';
  const isDeb = (v: string) => v.includes('/') && /\.deb$/.test(v);
  if (ops.every((w) => w.value !== null && isDeb(w.value))) {
    return 'it installs local .deb files, which need the lists only when they have dependencies to fetch';
  }
  if (ops.some((w) => w.value === null) && !ops.some((w) => w.value !== null && !isDeb(w.value))) {
    return 'its packages come from words the codemod cannot read (they may be local .deb files)';
  }
  if (pm.options.some((o) => /^Dir(::|$)/i.test(o.arg ?? '') || o.name === '-c' || o.name === '--config-file')) {
    return 'it reads another apt configuration or state directory';
  }
  return null;
}

export const aptUpdateBeforeInstall: Transform = {
  id: 'apt-update-before-install',
  description: 'Run apt-get update before an apt-get install that would find no package lists (the official Debian and Ubuntu images ship none)',
  hadolint: [],
  defaultOn: true,
  tier: 'safe',
  run(m) {
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    // RUNs the codemod cannot analyse but that install packages: reported once, as the other apt transforms do.
    const runs = new Set(analysableRuns(m, ['apt-get', 'apt'], 'install', skips));
    followLists(m, (ins, c, state) => {
      if (!runs.has(ins)) return false;
      const pm = parsePm(ins, c);
      if (!pm || (pm.tool !== 'apt-get' && pm.tool !== 'apt') || pm.subName !== 'install') return false;
      if (state.kind === 'present') return false;
      const line = m.lineOf(pm.sub!.start);
      const what = `the ${pm.toolWord.value} install on line ${line}`;
      const skip = (why: string) => skips.push({ reason: `${what} may find no package lists, but ${why}`, line });
      if (state.kind === 'unknown') {
        skip(`the codemod cannot tell: ${state.reason}`);
        return false;
      }
      const problem = (state.kind === 'absent' ? alreadyInstalled(m, pm) : null)
        ?? aptMount(ins)
        ?? placementProblem(ins, c)
        ?? operandsProblem(pm)
        ?? (pm.dynamic ? 'it has options the codemod cannot read' : null)
        ?? (failureIgnored(ins, c) ? 'its failure does not fail the build: with the lists it would change the image' : null)
        ?? (!runsAsRoot(ins) && !pm.sudo ? `it runs as USER ${ins.state.user}` : null);
      if (problem) {
        skip(problem);
        return false;
      }
      const prefix = pm.sudo ? 'sudo ' : '';
      const since = state.removedOn !== null ? `the lists were removed on line ${state.removedOn}` : 'the base image ships no package lists';
      fixes.push({
        message: `added ${pm.toolWord.value} update before ${what}: ${since} and nothing fetches them before it`,
        line,
        edits: [{ start: c.node.start, end: c.node.start, text: `${prefix}${pm.toolWord.raw} update && ` }],
        touches: [ins.index],
      });
      return true;
    });
    return { fixes, skips };
  },
};
