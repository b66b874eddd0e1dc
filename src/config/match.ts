import { relative, sep } from 'node:path';
import { createRequire } from 'node:module';

type Picomatch = typeof import('picomatch');
let pm: Picomatch | undefined;
/** picomatch, loaded when there are globs to match (most runs have none). */
export function picomatch(): Picomatch {
  return (pm ??= createRequire(import.meta.url)('picomatch') as Picomatch);
}

/**
 * A matcher for globs relative to `base`: true for a path under `base` that a glob matches, or that lies in a
 * directory a glob matches (`legacy/**` and `legacy` both exclude `legacy/Dockerfile`). A glob without a `/`
 * also matches a path's base name at any depth (`*.generated.Dockerfile`), as in .gitignore.
 */
export function globMatcher(base: string, globs: string[]): (abs: string) => boolean {
  if (globs.length === 0) return () => false;
  globs = globs.map((g) => g.replace(/^\.\//, ''));
  // picomatch's `basename` option applies to every glob it is given: only the ones without a `/` get it.
  const bare = globs.filter((g) => !g.includes('/'));
  const pathed = globs.filter((g) => g.includes('/'));
  const byName = bare.length > 0 ? picomatch()(bare, { dot: true, basename: true }) : () => false;
  const byPath = pathed.length > 0 ? picomatch()(pathed, { dot: true }) : () => false;
  const test = (p: string) => byName(p) || byPath(p);
  return (abs) => {
    const rel = relative(base, abs);
    if (rel === '' || rel.startsWith('..') || rel.startsWith(sep)) return false;
    const parts = rel.split(sep);
    for (let i = parts.length; i > 0; i--) if (test(parts.slice(0, i).join('/'))) return true;
    return false;
  };
}
