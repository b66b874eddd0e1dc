import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Directories a search never enters: installed packages and git's own. */
export const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Third-party source trees by convention (Chromium, Bazel and Go monorepos): code kept as upstream wrote it. */
const THIRD_PARTY = new Set(['third_party']);

/**
 * Whether a directory met in a search holds dependencies rather than the repository's own files. `vendor/` is
 * only skipped when a package manager's marker says it made it: Go's `modules.txt`, Composer's `autoload.php` or
 * `composer/`, Bundler's `bundle/`; a project's own `vendor/` directory (vendor-specific builds) is searched. A
 * virtualenv (`pyvenv.cfg`, whatever the directory is called: `.venv`, `venv`, `env`) is skipped.
 */
export function isVendored(dir: string, name: string): boolean {
  if (SKIP_DIRS.has(name) || THIRD_PARTY.has(name)) return true;
  if (name === 'vendor' && ['modules.txt', 'autoload.php', 'composer', 'bundle'].some((m) => existsSync(join(dir, m)))) return true;
  return existsSync(join(dir, 'pyvenv.cfg'));
}
