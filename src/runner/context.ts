import { readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, normalize, sep } from 'node:path';
import { joinPath, type FsPath } from './fs-path.js';
import type { BuildContext } from '../transform-types.js';
import { readSmallText } from './read-limited.js';

/** Most entries `list` returns for one directory: a larger one reads as unlistable (null). */
export const MAX_LIST_ENTRIES = 10_000;

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
  /** The real path of `p` when it is a regular file (or, with `wantDir`, a directory) inside the context, else null. */
  const inside = (p: string, wantDir = false): FsPath | null => {
    const rel = normalize(p.replace(/^\/+/, ''));
    if (isAbsolute(rel) || rel === '..' || rel.startsWith('..' + sep)) return null;
    const full = joinPath(dir, rel);
    let real: FsPath;
    try {
      // No exception for a missing file: lookups of absent manifests are the common case.
      const st = statSync(full, { throwIfNoEntry: false });
      if (!(wantDir ? st?.isDirectory() : st?.isFile())) return null;
      real = realOf(full);
    } catch {
      return null;
    }
    const top = realRoot();
    const r = typeof real === 'string' ? real : real.toString('latin1');
    return r.startsWith(top) || (wantDir && r + sep === top) ? real : null;
  };
  return {
    exists: (p) => inside(p) !== null,
    readText(p) {
      const real = inside(p);
      return real ? readSmallText(real) : null;
    },
    list(p) {
      const real = inside(p, true);
      if (real === null) return null;
      try {
        const entries = readdirSync(real, { withFileTypes: true });
        if (entries.length > MAX_LIST_ENTRIES) return null;
        return entries.map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort();
      } catch {
        return null;
      }
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
    list(p) {
      const dir = key(p) === '.' ? '' : `${key(p)}/`;
      const names = new Set<string>();
      for (const k of map.keys()) {
        if (!k.startsWith(dir)) continue;
        const rest = k.slice(dir.length);
        const slash = rest.indexOf('/');
        names.add(slash < 0 ? rest : rest.slice(0, slash + 1));
      }
      return names.size > 0 || dir === '' ? [...names].sort() : null;
    },
  };
}
