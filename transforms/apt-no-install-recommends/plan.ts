/**
 * The plan for one `apt-get install` on a release the Debian data covers: which recommended packages
 * `--no-install-recommends` drops, which of them the image needs (added back to the install), and whether the
 * rest is known to be safe to drop.
 */
import type { Model } from '../../src/model/types.js';
import { releaseData, type ReleaseData } from '../shared/debian-data.js';
import type { StageRelease } from '../shared/debian-release.js';
import { analysable, opaqueScript } from '../shared/package-managers.js';
import { droppedBy } from './dropped.js';
import { classify, type Condition } from './recommends.js';

export interface Plan {
  /** Packages to add to the install, with the note for each. */
  add: Array<{ pkg: string; note: string }>;
  /** `drops N recommended packages: a, b, …` (or that nothing is dropped). */
  summary: string;
  /** Why the fix is unsafe, or null when it is safe. */
  unsafe: string | null;
}

export interface PlanInput {
  m: Model;
  release: Extract<StageRelease, { kind: 'known' }>;
  /** Packages the install names. */
  names: string[];
  /** Packages installed before it (earlier installs of the stage and its base stages, the image's own). */
  installed: string[];
  /** Whether a condition of the curated list holds for this install. */
  holds: (c: Condition) => boolean;
}

/**
 * Commands a Dockerfile runs (RUN, CMD, ENTRYPOINT), and the first script it runs that cannot be read: a general
 * tool it drops may run from that script, so the fix is unsafe (the packages it may need are not guessed).
 */
interface FileCommands {
  names: Set<string>;
  script: string | null;
}

const commandsCache = new WeakMap<Model, FileCommands>();

function fileCommands(m: Model): FileCommands {
  let fc = commandsCache.get(m);
  if (fc) return fc;
  fc = { names: new Set(), script: null };
  for (const ins of m.instructions) {
    if (ins.name === 'RUN') {
      if (!analysable(ins)) {
        fc.script ??= `the RUN on line ${ins.line}`;
        continue;
      }
      for (const c of ins.shell!.commands) {
        const name = c.effective?.name.value ?? c.name?.value;
        if (name) fc.names.add(name.split('/').pop()!);
        // A script the codemod cannot read (`./build.sh`, `sh x.sh`, `curl … | sh`); a program in a bin directory
        // (`/venv/bin/pip`) is not one.
        const opaque = opaqueScript(m, c);
        if (opaque && !(name && /\/bin\/[^/]+$/.test(name) && !/\.(sh|bash)$/.test(name))) fc.script ??= opaque;
      }
    } else if (ins.name === 'CMD' || ins.name === 'ENTRYPOINT') {
      for (const a of ins.args) {
        const base = a.value.split('/').pop()!;
        fc.names.add(base);
        if (/\.(sh|bash)$/.test(base)) fc.script ??= a.value;
      }
    }
  }
  commandsCache.set(m, fc);
  return fc;
}

const list = (xs: string[]) => xs.join(', ');

/** Plan the install; `null` when a release's data is missing from the package. */
export function planInstall(p: PlanInput): Plan | null {
  const datas: ReleaseData[] = [];
  for (const r of p.release.releases) {
    const d = releaseData(r);
    if (!d) return null;
    datas.push(d);
  }
  const fc = fileCommands(p.m);
  const named = new Set(p.names);
  const add = new Map<string, string>();
  const unknownDrops = new Map<string, string>();
  const safeDrops = new Set<string>();
  /** General tools dropped that an unreadable script may run: no grounds to add them back, nor to drop them safely. */
  const scriptedDrops = new Set<string>();
  let unknownNames: string[] = [];
  let dropped = new Set<string>();
  // Added packages bring their own recommendations, which are dropped in turn: repeat until nothing is added.
  for (let round = 0; round < 8; round++) {
    const before = add.size;
    dropped = new Set();
    unknownNames = [];
    unknownDrops.clear();
    safeDrops.clear();
    scriptedDrops.clear();
    for (const data of datas) {
      const res = droppedBy(data, [...named, ...add.keys()], p.installed);
      unknownNames.push(...res.unknown.filter((n) => !unknownNames.includes(n)));
      for (const [pkg, by] of res.packages) {
        dropped.add(pkg);
        if (by === null || add.has(pkg)) continue;
        const v = classify(pkg);
        if (!v) {
          unknownDrops.set(pkg, by);
          continue;
        }
        let need: string | null = null;
        if (v.verdict === 'keep') need = v.reason;
        else if (v.keepWhen && p.holds(v.keepWhen)) need = v.needReason ?? v.reason;
        else {
          const cmd = [pkg, ...(v.commands ?? [])].find((c) => fc.names.has(c));
          if (cmd) need = `the Dockerfile runs ${cmd}`;
          else if (v.scripted && fc.script) scriptedDrops.add(pkg);
        }
        if (need) add.set(pkg, `added ${pkg}, which ${by} only recommends (${need})`);
        else safeDrops.add(pkg);
      }
    }
    if (add.size === before) break;
  }
  for (const pkg of add.keys()) dropped.delete(pkg);
  const roots = [...new Set([...safeDrops, ...unknownDrops.keys()])].sort();
  const on = p.release.releases.join(' and ');
  const summary = dropped.size === 0
    ? `drops no recommended package${unknownNames.length ? ' of the packages the data knows' : ''} on ${on}`
    : `drops ${dropped.size} recommended package${dropped.size === 1 ? '' : 's'} on ${on}: ${list(roots)}${dropped.size > roots.length ? `, and ${dropped.size - roots.length} they bring in` : ''}`;

  const reasons: string[] = [];
  if (unknownNames.length) reasons.push(`the Debian data for ${on} does not know ${list(unknownNames)}`);
  if (unknownDrops.size) {
    reasons.push(`it drops recommended packages not known to be safe to drop: ${list([...unknownDrops].sort().map(([pkg, by]) => `${pkg} (recommended by ${by})`))}`);
  }
  const missing = [...add.keys()].filter((pkg) => datas.some((d) => d.resolve(pkg) === null || d.name(d.resolve(pkg)!) !== pkg));
  if (missing.length) reasons.push(`${list(missing)} would be added back but ${missing.length === 1 ? 'is' : 'are'} not a package of every release the image may be on (${on})`);
  if (scriptedDrops.size) {
    reasons.push(`it drops general tools (${list([...scriptedDrops].sort())}) that ${fc.script}, which the codemod cannot read, may run`);
  }
  if (p.release.approximate) reasons.push(`the package data is Debian ${on}'s, an approximation for ${p.release.approximate}`);
  return {
    add: [...add].filter(([pkg]) => !named.has(pkg) && !missing.includes(pkg)).map(([pkg, note]) => ({ pkg, note })),
    summary,
    unsafe: reasons.length ? reasons.join('; ') : null,
  };
}
