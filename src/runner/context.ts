import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, normalize, sep } from 'node:path';
import { joinPath, type FsPath } from './fs-path.js';
import type { BuildContext } from '../transform-types.js';
import { readSmallText } from './read-limited.js';

/**
 * A build context backed by a directory, read as Docker uploads it: symlinks are resolved, and anything that
 * resolves outside the directory reads as missing (it is never opened). Only regular files of a few MiB are read.
 */
export function directoryContext(dir: FsPath): BuildContext {
  /** Real path as a string, or as bytes when `p` is bytes (a name that is not UTF-8). */
  const realOf = (p: FsPath): FsPath => (typeof p === 'string' ? realpathSync.native(p) : realpathSync.native(p, { encoding: 'buffer' }));
  let root: string | null = null;
  const realRoot = (): string => {
    if (root === null) {
      let r: FsPath = dir;
      try {
        r = realOf(dir);
      } catch {
        // Keep dir.
      }
      root = typeof r === 'string' ? r : r.toString('latin1');
      if (!root.endsWith(sep)) root += sep;
    }
    return root;
  };
  /** The real path of regular file `p`, or null when it is missing, not a regular file or resolves outside. */
  const inside = (p: string): FsPath | null => {
    const rel = normalize(p.replace(/^\/+/, ''));
    if (isAbsolute(rel) || rel === '..' || rel.startsWith('..' + sep)) return null;
    const full = joinPath(dir, rel);
    let real: FsPath;
    try {
      // No exception for a missing file: lookups of absent manifests are the common case.
      if (!statSync(full, { throwIfNoEntry: false })?.isFile()) return null;
      real = realOf(full);
    } catch {
      return null;
    }
    const top = realRoot();
    const r = typeof real === 'string' ? real : real.toString('latin1');
    return r.startsWith(top) ? real : null;
  };
  return {
    exists: (p) => inside(p) !== null,
    readText(p) {
      const real = inside(p);
      return real ? readSmallText(real) : null;
    },
  };
}

/** A build context held in memory (tests, stdin with no context directory). */
export function memoryContext(files: Record<string, string>): BuildContext {
  const key = (p: string) => normalize(p.replace(/^\/+/, ''));
  const map = new Map(Object.entries(files).map(([k, v]) => [key(k), v]));
  return {
    exists: (p) => map.has(key(p)),
    readText: (p) => map.get(key(p)) ?? null,
  };
}
