import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type { Ignore } from 'ignore';
import { dockerfileName } from './dockerfile-names.js';
import { isVendored, SKIP_DIRS } from './vendored.js';
import { readSmallText } from './read-limited.js';
import { entryName, joinPath, lossy, pathKey, shown, type FsPath } from './fs-path.js';

type FastGlob = typeof import('fast-glob');
let fastGlob: FastGlob | undefined;
/** fast-glob, loaded on first use: only glob arguments need it, and loading it costs a cold start 30 ms. */
function fg(): FastGlob {
  return (fastGlob ??= createRequire(import.meta.url)('fast-glob') as FastGlob);
}

type IgnoreFactory = (options?: unknown) => Ignore;
let ignoreFactory: IgnoreFactory | undefined;
/** ignore, loaded on the first .gitignore found: a run on named files never needs it (about 10 ms to load). */
function ignore(): Ignore {
  return (ignoreFactory ??= createRequire(import.meta.url)('ignore') as IgnoreFactory)();
}

/** A Dockerfile found on disk. */
export interface FoundFile {
  /** Absolute path as found (may be a symlink); bytes when the name is not UTF-8. */
  path: FsPath;
  /** Real path: where the bytes live, and what a write replaces. */
  real: FsPath;
  /** Path shown to the user and used in diff headers: relative to cwd, forward slashes (undecodable bytes as \xNN). */
  display: string;
  /** `display` as bytes, when the path is not UTF-8 (for diff headers). */
  displayBytes?: Buffer;
  /** Named on the command line (processed whatever its name). */
  explicit: boolean;
}

/** A path argument that could not be used, or a Dockerfile that could not be looked at. */
export interface DiscoveryProblem {
  display: string;
  message: string;
}

export interface Discovery {
  files: FoundFile[];
  problems: DiscoveryProblem[];
  /** Informational lines (a glob that matched nothing). */
  notes: string[];
}


/** Whether a file name is one directory search treats as a Dockerfile. */
export function isDockerfileName(name: string): boolean {
  return dockerfileName(name);
}

/** Path bytes of `abs` relative to `base` (a directory above it, else `abs` whole). */
function relBytes(base: string, abs: Buffer): Buffer {
  const b = Buffer.from(base.endsWith(sep) ? base : base + sep);
  return abs.length > b.length && abs.subarray(0, b.length).equals(b) ? abs.subarray(b.length) : abs;
}

/** Forward-slash path of `abs` relative to `base`. */
function rel(base: string, abs: string): string {
  const r = relative(base, abs);
  return sep === '/' ? r : r.split(sep).join('/');
}

function errnoMessage(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symlink loop (too many levels of symbolic links)';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return code ? `${code}: ${(err as Error).message}` : String((err as Error)?.message ?? err);
  }
}

/**
 * .gitignore files, loaded once per directory. Rules apply like git's: a deeper file decides first, a path
 * under an ignored directory stays ignored. Rules are read from the repository root (the nearest directory
 * holding `.git`) down; outside a repository, from the searched directory down.
 */
class GitIgnores {
  private rules = new Map<string, Ignore | null>();
  private dirVerdicts = new Map<string, boolean>();

  private load(dir: string): Ignore | null {
    let ig = this.rules.get(dir);
    if (ig !== undefined) return ig;
    // No .gitignore (or one that is unreadable, not a regular file, or over a few MiB): no rules here.
    const text = readSmallText(join(dir, '.gitignore'));
    try {
      ig = text === null ? null : ignore().add(text);
    } catch {
      ig = null;
    }
    this.rules.set(dir, ig);
    return ig;
  }

  /** Directories whose .gitignore files govern paths under `root`, outermost first, `root` excluded. */
  scope(root: string): string[] {
    let top: string | null = null;
    for (let d = root; ; d = dirname(d)) {
      if (existsSync(join(d, '.git'))) {
        top = d;
        break;
      }
      if (dirname(d) === d) break;
    }
    if (top === null || top === root) return [];
    const dirs: string[] = [];
    for (let d = dirname(root); ; d = dirname(d)) {
      dirs.unshift(d);
      if (d === top) break;
    }
    // A directory named explicitly is searched even when an outer .gitignore excludes it.
    if (this.decide(dirs, root, true)) return [];
    return dirs;
  }

  /** Whether `abs` is ignored by the .gitignore files in `dirs` (outermost first, all above `abs`). */
  decide(dirs: string[], abs: string, isDir: boolean): boolean {
    for (let i = dirs.length - 1; i >= 0; i--) {
      const ig = this.load(dirs[i]);
      if (!ig) continue;
      const r = ig.test(rel(dirs[i], abs) + (isDir ? '/' : ''));
      if (r.ignored) return true;
      if (r.unignored) return false;
    }
    return false;
  }

  /** Whether a directory (not the root itself) is ignored, its ancestors below the root included. */
  dirIgnored(scope: string[], root: string, dir: string): boolean {
    if (dir === root) return false;
    const key = `${root}\0${dir}`;
    let v = this.dirVerdicts.get(key);
    if (v !== undefined) return v;
    const parent = dirname(dir);
    v = this.dirIgnored(scope, root, parent) || this.decide(this.chain(scope, root, parent), dir, true);
    this.dirVerdicts.set(key, v);
    return v;
  }

  /** The rule directories for entries of `dir` (a directory at or under `root`). */
  chain(scope: string[], root: string, dir: string): string[] {
    const below: string[] = [];
    for (let d = dir; ; d = dirname(d)) {
      below.unshift(d);
      if (d === root || dirname(d) === d) break;
    }
    return [...scope, ...below];
  }
}

function displayOf(cwd: string, realCwd: string, abs: string, real: string, viaLink: boolean): string {
  return viaLink ? rel(realCwd, real) : rel(cwd, abs);
}

/**
 * Find the Dockerfiles named by `args` (files, directories, globs). Sorted by display path, each real file once.
 * Directory search: Dockerfile names only, skipping node_modules, .git, dependency trees (see isVendored), paths
 * `exclude` matches and .gitignore'd paths, not following symlinked directories. A file named explicitly is taken
 * whatever its name (and whatever `exclude` says).
 */
export function findDockerfiles(args: string[], cwd: string = process.cwd(), exclude: (abs: string) => boolean = () => false): Discovery {
  const found: FoundFile[] = [];
  const problems: DiscoveryProblem[] = [];
  const notes: string[] = [];
  const ignores = new GitIgnores();
  let realCwd = cwd;
  try {
    realCwd = realpathSync(cwd);
  } catch {
    // Keep cwd.
  }

  const addFile = (abs: FsPath, explicit: boolean, viaLink: boolean) => {
    if (typeof abs !== 'string') {
      // Not UTF-8: realpath as bytes, shown relative to cwd.
      let real: Buffer;
      try {
        real = realpathSync.native(abs, { encoding: 'buffer' });
      } catch (err) {
        problems.push({ display: shown(relBytes(cwd, abs)), message: errnoMessage(err) });
        return;
      }
      const bytes = relBytes(viaLink ? realCwd : cwd, viaLink ? real : abs);
      found.push({ path: abs, real, display: shown(bytes), displayBytes: bytes, explicit });
      return;
    }
    let real = abs;
    try {
      real = realpathSync(abs);
    } catch (err) {
      problems.push({ display: rel(cwd, abs), message: errnoMessage(err) });
      return;
    }
    found.push({ path: abs, real, display: displayOf(cwd, realCwd, abs, real, viaLink), explicit });
  };

  /** A symlink or unusual entry met during a search: add it if it is a regular file. */
  const addLinked = (abs: FsPath) => {
    let st;
    try {
      st = statSync(abs);
    } catch (err) {
      problems.push({ display: typeof abs === 'string' ? rel(cwd, abs) : shown(relBytes(cwd, abs)), message: errnoMessage(err) });
      return;
    }
    if (st.isFile()) addFile(abs, false, true);
  };

  const walk = (root: string) => {
    const scope = ignores.scope(root);
    // Paths are text for the .gitignore rules (lossy), and bytes for the file system when a name is not UTF-8.
    const visit = (dir: FsPath) => {
      let entries: Dirent<Buffer>[];
      try {
        entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
      } catch (err) {
        const d = typeof dir === 'string' ? rel(cwd, dir) : shown(relBytes(cwd, dir));
        problems.push({ display: d || '.', message: `cannot read directory: ${errnoMessage(err)}` });
        return;
      }
      entries.sort((a, b) => Buffer.compare(a.name, b.name));
      const chain = ignores.chain(scope, root, lossy(dir));
      for (const e of entries) {
        const raw = entryName(e.name);
        const name = lossy(raw);
        const abs = joinPath(dir, raw);
        if (e.isDirectory()) {
          if (isVendored(lossy(abs), name) || exclude(lossy(abs)) || ignores.decide(chain, lossy(abs), true)) continue;
          visit(abs);
        } else if (isDockerfileName(name) && !SKIP_DIRS.has(name)) {
          if (exclude(lossy(abs)) || ignores.decide(chain, lossy(abs), false)) continue;
          if (e.isFile()) addFile(abs, false, false);
          else if (e.isSymbolicLink()) addLinked(abs);
          // FIFOs, sockets, devices: not files to read; skipped silently when found by a search.
        }
      }
    };
    visit(root);
  };

  const vendored = new Map<string, boolean>();
  /** Whether `dir` or a directory between `base` and it holds dependencies (see isVendored). */
  const vendoredBelow = (base: string, dir: string): boolean => {
    if (dir === base || !dir.startsWith(base + sep)) return false;
    let v = vendored.get(dir);
    if (v === undefined) vendored.set(dir, (v = isVendored(dir, basename(dir)) || vendoredBelow(base, dirname(dir))));
    return v;
  };

  const glob = (pattern: string) => {
    const p = pattern.replace(/^\.\//, '');
    const base = resolve(cwd, staticBase(p));
    const entries = fg().sync(p, {
      cwd,
      absolute: true,
      onlyFiles: false,
      followSymbolicLinks: false,
      objectMode: true,
      ignore: ['**/node_modules/**', '**/.git/**'],
    });
    let matched = 0;
    const scope = ignores.scope(base);
    for (const e of entries) {
      const abs = resolve(e.path);
      const dirent = e.dirent;
      if (dirent.isDirectory()) continue;
      const dir = dirname(abs);
      const inside = dir === base || dir.startsWith(base + sep);
      if (exclude(abs) || vendoredBelow(base, dir)) continue;
      if (inside) {
        if (ignores.dirIgnored(scope, base, dir)) continue;
        if (ignores.decide(ignores.chain(scope, base, dir), abs, false)) continue;
      }
      matched++;
      if (dirent.isFile()) addFile(abs, false, false);
      else if (dirent.isSymbolicLink()) addLinked(abs);
    }
    if (matched === 0) problems.push({ display: pattern, message: `no file matches '${pattern}'` });
  };

  for (const arg of args) {
    const abs = resolve(cwd, arg);
    let lst;
    try {
      lst = lstatSync(abs);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && fg().isDynamicPattern(arg)) {
        glob(arg);
      } else {
        problems.push({ display: arg, message: errnoMessage(err) });
      }
      continue;
    }
    let st = lst;
    if (lst.isSymbolicLink()) {
      try {
        st = statSync(abs);
      } catch (err) {
        problems.push({ display: arg, message: errnoMessage(err) });
        continue;
      }
    }
    if (st.isDirectory()) {
      if (isDockerfileName(basename(arg)) && !/[\\/]$/.test(arg)) {
        problems.push({ display: arg, message: `is a directory (to search it, write ${arg}/)` });
        continue;
      }
      walk(abs);
    } else if (st.isFile()) {
      addFile(abs, true, lst.isSymbolicLink());
    } else {
      problems.push({ display: arg, message: 'not a regular file' });
    }
  }

  found.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  const seen = new Set<string>();
  const files = found.filter((f) => {
    const key = pathKey(f.real);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { files, problems, notes };
}

/** The leading directory part of a glob that holds no pattern characters. */
function staticBase(pattern: string): string {
  const parts = pattern.split('/');
  const keep: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (fg().isDynamicPattern(part)) break;
    keep.push(part);
  }
  const base = keep.join('/');
  if (base === '' && isAbsolute(pattern)) return '/';
  return base || '.';
}
