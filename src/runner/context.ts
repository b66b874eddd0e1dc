import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import type { BuildContext } from '../../transforms/types.js';

/** A build context backed by a directory; paths outside it read as missing. */
export function directoryContext(dir: string): BuildContext {
  const inside = (p: string): string | null => {
    const rel = normalize(p.replace(/^\/+/, ''));
    if (isAbsolute(rel) || rel.startsWith('..')) return null;
    return join(dir, rel);
  };
  return {
    exists(p) {
      const full = inside(p);
      if (!full) return false;
      try {
        // No exception for a missing file: lookups of absent manifests are the common case.
        return statSync(full, { throwIfNoEntry: false })?.isFile() ?? false;
      } catch {
        return false;
      }
    },
    readText(p) {
      const full = inside(p);
      if (!full) return null;
      try {
        if (!statSync(full, { throwIfNoEntry: false })?.isFile()) return null;
        return readFileSync(full, 'utf8');
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
  };
}
