import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { underRoot, type FsPath } from './fs-path.js';

/** Real path, or the path itself when it cannot be resolved. */
function real(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return p;
  }
}

/** The nearest directory at or above `dir` holding `.git`, or null. */
function repositoryRoot(dir: string): string | null {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(resolve(d, '.git'))) return d;
    if (dirname(d) === d) return null;
  }
}

/**
 * The directory trees a run may touch: the current directory and its repository, each directory named on the
 * command line, and the directory of each file named on it. A Dockerfile found or named there that is a symlink to
 * a file outside all of them is neither read nor written.
 */
export class WriteScope {
  private readonly roots: string[];

  constructor(args: readonly string[], cwd: string = process.cwd()) {
    const roots = new Set<string>([real(cwd)]);
    const repo = repositoryRoot(real(cwd));
    if (repo) roots.add(repo);
    for (const arg of args) {
      const abs = resolve(cwd, arg);
      let isDir = false;
      try {
        isDir = statSync(abs).isDirectory();
      } catch {
        // A glob, or a missing path: the current directory covers what it can match.
      }
      // A named file's own directory, as written: a named symlink does not widen the scope to its target.
      roots.add(real(isDir ? abs : dirname(abs)));
    }
    this.roots = [...roots].map((r) => (r.endsWith(sep) ? r : r + sep));
  }

  /** Whether a real path lies inside one of the trees. */
  contains(realPath: FsPath): boolean {
    return this.roots.some((r) => underRoot(realPath, r));
  }
}
