import type { Instruction, SyntaxNode } from '../../src/model/types.js';
import { preorder } from '../../src/model/shell.js';
import { expandVars } from '../../src/model/vars.js';
import {
  analysableRuns,
  covers,
  mountsOf,
  normalisePath,
  parsePm,
  type PmCommand,
} from '../shared/package-managers.js';
import { pipConfigTurnsCacheOff, pipHasOption } from './pip-options.js';
import { installsPip, newerPipBefore, oldDistroPipImage } from './distro-pip.js';
import { defineTransform } from '../../src/plugins/define.js';
import { edits } from '../../src/plugins/fix-builder.js';
import type { Fix, Skip } from '../../src/transform-types.js';

const SETS_NO_CACHE = /^PIP_NO_CACHE_DIR=/;

/** PIP_NO_CACHE_DIR is set for this command: ENV/ARG, a prefix assignment, `env`, or an earlier `export`. */
function envTurnsCacheOff(pm: PmCommand): boolean {
  const { ins, cmd } = pm;
  if ('PIP_NO_CACHE_DIR' in ins.state.vars) return true;
  if (cmd.assignments.some((a) => SETS_NO_CACHE.test(a.raw))) return true;
  if (cmd.args.some((a) => a.start < pm.toolWord.start && a.value !== null && SETS_NO_CACHE.test(a.value))) return true;
  return firstExport(ins.shell!.root, (n) => SETS_NO_CACHE.test(ins.shell!.text.slice(n.start - ins.shell!.start, n.end - ins.shell!.start))) < cmd.node.start;
}

/** Per RUN body: where its first `export PIP_NO_CACHE_DIR=…` starts (one walk, not one per pip command). */
const firstExports = new WeakMap<SyntaxNode, number>();

/**
 * Where the body's first `export NAME=…` (or declare -x / readonly) outside subshells whose assignment matches
 * starts (Infinity: none). `matches` must be the same for every call on a body.
 */
function firstExport(root: SyntaxNode, matches: (assignment: SyntaxNode) => boolean): number {
  let at = firstExports.get(root);
  if (at !== undefined) return at;
  at = Infinity;
  const opaque = (n: SyntaxNode) => n.type === 'subshell' || n.type === 'command_substitution';
  for (const n of preorder(root, (n) => !opaque(n) && n.type !== 'declaration_command')) {
    if (!opaque(n) && n.type === 'declaration_command' && n.children.some((c) => c.type === 'variable_assignment' && matches(c))) {
      at = n.start;
      break;
    }
  }
  firstExports.set(root, at);
  return at;
}

/** A cache mount holds pip's cache (`~/.cache/pip`, `~/.cache`, `$PIP_CACHE_DIR`, `$XDG_CACHE_HOME`). */
function cacheMounted(ins: Instruction): boolean {
  const vars = ins.state.vars;
  const dirs = ['/root/.cache/pip'];
  if (vars.PIP_CACHE_DIR) dirs.push(expandVars(vars.PIP_CACHE_DIR, vars));
  if (vars.XDG_CACHE_HOME) dirs.push(`${expandVars(vars.XDG_CACHE_HOME, vars)}/pip`);
  if (vars.HOME) dirs.push(`${expandVars(vars.HOME, vars)}/.cache/pip`);
  return mountsOf(ins).some((mt) => {
    if (mt.type !== 'cache' && mt.type !== 'tmpfs') return false;
    if (!mt.target) return false;
    const t = normalisePath(mt.target);
    return /\/\.cache(\/pip)?$/.test(t) || dirs.some((d) => covers(t, d));
  });
}

const isPipInstall = (pm: PmCommand) => pm.tool === 'pip' && pm.subName === 'install';

export const pipNoCacheDir = defineTransform({
  id: 'pip-no-cache-dir',
  description: 'Add --no-cache-dir to pip install in stages that end up in the final image, so pip\'s download cache does not end up in the layer',
  hadolint: ['DL3042'],
  tier: 'safe',
  run(m) {
    const b = edits(m);
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    for (const ins of analysableRuns(m, ['pip', 'pip3'], 'install', skips, true)) {
      if (cacheMounted(ins)) continue;
      for (const c of ins.shell!.commands) {
        const pm = parsePm(ins, c);
        if (!pm || !isPipInstall(pm) || pipHasOption(pm, '--no-cache-dir')) continue;
        const line = m.lineOf(pm.sub!.start);
        if (pipHasOption(pm, '--cache-dir')) {
          skips.push({ reason: `the pip install on line ${line} names its own --cache-dir`, line });
          continue;
        }
        if (envTurnsCacheOff(pm) || pipConfigTurnsCacheOff(pm) !== null) continue;
        if (installsPip(pm)) {
          // It runs the pip installed before it, which may predate 6.0 (a distro pip, a Python built from source).
          skips.push({ reason: `the pip install on line ${line} installs pip itself, with the pip installed before it, which may be older than 6.0 and not know --no-cache-dir`, line });
          continue;
        }
        const old = oldDistroPipImage(ins.stage!);
        if (old !== null && !newerPipBefore(pm)) {
          skips.push({ reason: `the pip install on line ${line} may run the distro pip of ${old}, older than 6.0, which has no --no-cache-dir; upgrade pip first (pip install -U pip)`, line });
          continue;
        }
        fixes.push(b.insertAfter(pm.sub!, ' --no-cache-dir').fix(`added --no-cache-dir to pip install on line ${line}`, { line }));
      }
    }
    return { fixes, skips };
  },
});
