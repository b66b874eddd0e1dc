import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { SideFile } from '../transform-types.js';

/** A Dockerfile's result that creates or rewrites context files. */
export interface SideProposal {
  /** The Dockerfile's display path. */
  display: string;
  contextDir: string;
  files: SideFile[];
}

/** The absolute path a context file is written to (the context directory resolved, so two spellings agree). */
export function sideFileTarget(contextDir: string, path: string): string {
  let dir = contextDir;
  try {
    dir = realpathSync(contextDir);
  } catch {
    // Keep it as given.
  }
  return join(dir, path);
}

/**
 * The proposals that cannot be written: several Dockerfiles of one build context that would make the same file
 * differently (each made its own from what its Dockerfile needs, and may rely on it). Identical proposals are
 * fine: the file is written once. Returns, for each proposal in conflict, the display path of another Dockerfile
 * it disagrees with.
 */
export function sideFileConflicts(proposals: readonly SideProposal[]): Map<number, string> {
  const byTarget = new Map<string, Array<{ i: number; file: SideFile }>>();
  proposals.forEach((p, i) => {
    for (const file of p.files) {
      const key = sideFileTarget(p.contextDir, file.path);
      let list = byTarget.get(key);
      if (!list) byTarget.set(key, (list = []));
      list.push({ i, file });
    }
  });
  const out = new Map<number, string>();
  for (const list of byTarget.values()) {
    const [first] = list;
    const same = list.every(({ file }) => file.before === first.file.before && file.after === first.file.after);
    if (same) continue;
    for (const { i } of list) {
      const other = list.find((x) => x.i !== i)!;
      if (!out.has(i)) out.set(i, proposals[other.i].display);
    }
  }
  return out;
}
