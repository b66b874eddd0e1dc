import { posix } from 'node:path';
import type { BuildContext, SideFile } from './transform-types.js';

/** A context-relative path in one spelling (`./a//b` and `/a/b` are `a/b`). */
export function sideFileKey(path: string): string {
  const n = posix.normalize(path.replace(/^\/+/, ''));
  return n === '.' ? '' : n.replace(/\/$/, '');
}

/**
 * The context files the fixes of a run create or rewrite, as they stand after the passes so far. Later passes see
 * the build context through `overlay`, so a transform run again finds the file its earlier fix wrote (and proposes
 * nothing more), and the others see the file as it will be.
 */
export class PendingFiles {
  private readonly files = new Map<string, SideFile>();

  /** Whether a fix of this pass already changes one of `files` (the later fix waits for the next pass). */
  claimed(files: readonly SideFile[], pass: Set<string>): boolean {
    return files.some((f) => pass.has(sideFileKey(f.path)));
  }

  add(files: readonly SideFile[], pass: Set<string>): void {
    for (const f of files) {
      const key = sideFileKey(f.path);
      pass.add(key);
      const earlier = this.files.get(key);
      this.files.set(key, { path: key, before: earlier ? earlier.before : f.before, after: f.after });
    }
  }

  /** The files that end up different from what the context held. */
  result(): SideFile[] {
    return [...this.files.values()].filter((f) => f.after !== f.before);
  }

  /** `base` with the pending files in it. */
  overlay(base: BuildContext): BuildContext {
    const files = this.files;
    return {
      exists: (p) => files.has(sideFileKey(p)) || base.exists(p),
      readText: (p) => files.get(sideFileKey(p))?.after ?? base.readText(p),
      list(dir) {
        const names = base.list?.(dir) ?? null;
        const d = sideFileKey(dir);
        const added = [...files.keys()].filter((k) => posix.dirname(k) === (d === '' ? '.' : d)).map((k) => posix.basename(k));
        if (added.length === 0) return names;
        return [...new Set([...(names ?? []), ...added])].sort();
      },
    };
  }
}
