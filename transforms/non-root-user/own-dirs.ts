/**
 * How the non-root-user fix gives the user the directories it needs (see written-paths.ts): a `chown` of each
 * directory (never recursive) in the RUN that creates the user, or appended to the RUN that made it with mkdir,
 * always before a VOLUME line that would freeze it.
 */
import { continuation } from '../../src/model/style.js';
import type { Instruction, Model } from '../../src/model/types.js';
import { resolvePath } from '../../src/model/vars.js';
import type { Fix } from '../../src/transform-types.js';
import type { OwnedDir } from './written-paths.js';

export interface ChownPlan {
  /** Directories to chown in the user-creating RUN. */
  inCreate: OwnedDir[];
  /** Edits appending a chown to the RUNs that made the other directories. */
  edits: Fix['edits'];
  /** Where the user-creating RUN must go (index into the final stage's instructions). */
  createIdx: number;
  described: string[];
}

/** Why a directory cannot be given to the user here. */
export interface ChownBlock {
  reason: string;
  line: number;
}

export const describeDir = (d: OwnedDir) => `${d.made.path} (created by RUN on line ${d.made.ins.line}, ${d.ref.write ? 'written by' : 'named by'} ${d.ref.by})`;

/** VOLUME lines at or above a path: changes to it after them are discarded. */
function volumeIndex(m: Model, chainIns: Instruction[], path: string, after: number): Instruction | null {
  return chainIns.find((ins) => ins.name === 'VOLUME' && ins.index > after && ins.args.some((a) => {
    const v = resolvePath('/', a.value.replace(/^["']|["']$/g, ''));
    return path === v || path.startsWith(`${v}/`);
  })) ?? null;
}

/** Whether `&& chown …` can be appended to a RUN as written. */
function appendable(ins: Instruction): boolean {
  const sh = ins.shell;
  return !!sh && sh.ok && sh.andList && !sh.trailingComment && !ins.heredoc && !ins.json && !sh.stateChanges.includes('exit');
}

/**
 * Plan the chowns. `owner` is what `chown` is given; `userFrom` is the instruction index from which the user
 * exists (null when the fix creates it, at `own[createIdx]`).
 */
export function planChowns(
  m: Model,
  own: Instruction[],
  chainIns: Instruction[],
  dirs: OwnedDir[],
  owner: string,
  createIdx: number | null,
  userFrom: number,
): ChownPlan | ChownBlock {
  const plan: ChownPlan = { inCreate: [], edits: [], createIdx: createIdx ?? own.length, described: [] };
  const posOf = (idx: number) => (idx < own.length ? own[idx].index : Infinity);
  const block = (d: OwnedDir, why: string): ChownBlock => ({ reason: `${describeDir(d)} is owned by root: ${why}`, line: d.made.ins.line });
  if (createIdx !== null) {
    // The user-creating RUN moves above a VOLUME that would freeze a directory made before the RUN.
    for (const d of dirs) {
      const vol = volumeIndex(m, chainIns, d.made.path, d.made.ins.index);
      if (!vol || d.made.ins.index > posOf(plan.createIdx) || vol.index > posOf(plan.createIdx)) continue;
      const at = own.indexOf(vol);
      if (at < 0) return block(d, `the VOLUME on line ${vol.line} in an earlier stage freezes it before the user can be created`);
      plan.createIdx = Math.min(plan.createIdx, at);
    }
  }
  const appends = new Map<Instruction, OwnedDir[]>();
  for (const d of dirs) {
    const r = d.made.ins;
    if (createIdx !== null && r.index < posOf(plan.createIdx)) {
      plan.inCreate.push(d);
      continue;
    }
    if (createIdx === null && r.index < userFrom) return block(d, `it is made before the user ${owner} exists`);
    const vol = volumeIndex(m, chainIns, d.made.path, -1);
    if (vol && vol.index < r.index) return block(d, `the VOLUME on line ${vol.line} comes before the RUN that makes it`);
    if (!own.includes(r)) return block(d, `the RUN that makes it is in an earlier stage`);
    if (!appendable(r)) return block(d, `a chown cannot be appended to the RUN on line ${r.line} as it is written`);
    appends.set(r, [...(appends.get(r) ?? []), d]);
  }
  for (const [r, ds] of appends) {
    const sh = r.shell!;
    const chown = `chown ${owner} ${ds.map((d) => d.made.path).join(' ')}`;
    const multiLine = /\n/.test(m.text.slice(r.argsStart, sh.codeEnd));
    const text = !multiLine
      ? ` && ${chown}`
      : m.style.andPosition === 'leading' ? `${continuation(m.style)}&& ${chown}` : ` &&${continuation(m.style)}${chown}`;
    plan.edits.push({ start: sh.codeEnd, end: sh.codeEnd, text });
  }
  plan.described = dirs.map(describeDir);
  return plan;
}
