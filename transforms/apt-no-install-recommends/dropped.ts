/**
 * What `--no-install-recommends` takes away from one `apt-get install`, from Debian's package relations: the
 * packages apt installs without the option and not with it.
 */
import type { ReleaseData } from '../shared/debian-data.js';

export interface Dropped {
  /**
   * Every package no longer installed, by name, with the installed package that recommends it (null for the ones
   * that come only with another dropped package: as its dependencies or recommendations).
   */
  packages: Map<string, string | null>;
  /** Named packages the data does not know. */
  unknown: string[];
}

/**
 * Without the option apt installs the named packages, their Depends, and the Recommends of every package it
 * installs (recursively); with it, only the Depends. Packages installed already (the base system, `installed`)
 * stay, and apt does not add the Recommends of a package that is installed already.
 */
export function droppedBy(data: ReleaseData, named: string[], installed: Iterable<string>): Dropped {
  const unknown: string[] = [];
  const have = new Set<number>();
  const present = (id: number) => data.inBase(id) || have.has(id);
  const closeOver = (start: number[], into: Set<number>, stopAt?: Set<number>) => {
    const stack = [...start];
    while (stack.length) {
      const id = stack.pop()!;
      if (into.has(id) || (stopAt && (stopAt.has(id) || data.inBase(id)))) continue;
      into.add(id);
      stack.push(...data.depends(id));
    }
  };
  const resolveAll = (names: Iterable<string>, record: boolean): number[] => {
    const out: number[] = [];
    for (const n of names) {
      const id = data.resolve(n);
      if (id !== null) out.push(id);
      else if (record) unknown.push(n);
    }
    return out;
  };
  closeOver(resolveAll(installed, false), have);
  const roots = resolveAll(named, true);
  const kept = new Set<number>();
  closeOver(roots, kept, have);
  // Everything apt installs by default.
  const all = new Set<number>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (all.has(id) || present(id)) continue;
    all.add(id);
    stack.push(...data.depends(id), ...data.recommends(id));
  }
  // The drops a package that stays recommends (the others go with the dropped package that brings them in).
  const recommendedBy = new Map<number, number>();
  for (const id of kept) {
    for (const r of data.recommends(id)) {
      if (!kept.has(r) && !present(r) && !recommendedBy.has(r)) recommendedBy.set(r, id);
    }
  }
  const packages = new Map<string, string | null>();
  for (const id of [...all].sort((a, b) => (data.name(a) < data.name(b) ? -1 : 1))) {
    if (kept.has(id)) continue;
    const by = recommendedBy.get(id);
    packages.set(data.name(id), by === undefined ? null : data.name(by));
  }
  return { packages, unknown };
}
