/**
 * Paths the process writes that a COPY/ADD of the final image creates: a VOLUME on a copied directory, or a file
 * (or its directory) that the startup command writes. `COPY --chown` on that COPY gives them to the user with no
 * extra layer; it only works when the COPY creates the path (an existing directory keeps its owner).
 */
import type { Instruction, Model } from '../../src/model/types.js';
import { expandVars, resolvePath } from '../../src/model/vars.js';
import type { TransformContext } from '../../src/transform-types.js';
import { copyParts } from './root-needs.js';
import { madeDirs, pathRefs, type PathRef } from './written-paths.js';

export interface CopiedPath {
  path: string;
  copy: Instruction;
  ref: PathRef;
}

/** Top-level directories that base images and packages fill: a COPY there may land in a directory that exists. */
const SYSTEM_TOP = /^\/(etc|usr|var|lib|lib32|lib64|bin|sbin|boot|root|run|proc|sys|dev|tmp|home)(\/|$)/;

const under = (p: string, dir: string) => p === dir || p.startsWith(dir === '/' ? '/' : `${dir}/`);

/** The COPY/ADD that creates `path` (its destination, with nothing before it making the path), or null. */
export function copyCreating(m: Model, chainIns: Instruction[], path: string): Instruction | null {
  if (SYSTEM_TOP.test(path) || path === '/') return null;
  const made = madeDirs(m, chainIns);
  for (const ins of chainIns) {
    if (ins.name === 'WORKDIR') {
      const wd = resolvePath(ins.state.workdir, expandVars(ins.args.map((a) => a.value).join(' '), ins.state.vars));
      if (under(wd, path)) return null;
    }
    if (ins.name === 'RUN') {
      // A RUN that names the path may create it (git clone, tar -C, package scripts).
      if (m.text.slice(ins.argsStart, ins.argsEnd).includes(path) || made.some((d) => d.ins === ins && under(d.path, path))) return null;
    }
    const c = copyParts(m, ins);
    if (!c) continue;
    if (c.dest === path) return ins;
    if (under(c.dest, path) || under(path, c.dest)) return null;
  }
  return null;
}

/** Paths written at startup or mounted as VOLUMEs that a COPY creates, once each. */
export function copiedPaths(m: Model, chainIns: Instruction[], workdir: string, entry: Instruction | null, cmd: Instruction | null, ctx: TransformContext): CopiedPath[] {
  const out: CopiedPath[] = [];
  for (const ref of pathRefs(m, chainIns, workdir, entry, cmd, ctx)) {
    const volume = ref.by.startsWith('VOLUME ');
    if (!ref.write && !volume) continue;
    const candidates = volume ? [ref.path] : [ref.path, ref.path.slice(0, ref.path.lastIndexOf('/')) || '/'];
    for (const p of candidates) {
      const copy = copyCreating(m, chainIns, p);
      if (copy && !out.some((x) => x.copy === copy)) {
        out.push({ path: p, copy, ref });
        break;
      }
    }
  }
  return out;
}
