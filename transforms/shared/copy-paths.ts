/**
 * COPY / ADD as Docker resolves them: which context paths land where in the image.
 *
 * - Sources are relative to the build context root (a leading `/` or `./` changes nothing; `..` cannot leave it).
 * - A directory source copies the directory's *contents* into the destination (`COPY . /app` fills /app).
 * - A file source goes to `<dest>/<basename>` when the destination ends with `/`, when there are several
 *   sources, or when the destination is an existing directory; otherwise the destination is the file's path.
 * - A relative destination is relative to the WORKDIR in force; ARG/ENV values are substituted.
 */
import type { Instruction } from '../../src/model/types.js';
import { expandVars, resolvePath } from '../../src/model/vars.js';
import { compileCopyGlob } from './glob-match.js';

// ---------------------------------------------------------------------------------------------------------
// Container paths (absolute, normalised by resolvePath) and context paths ('' is the context root).

export function isUnder(path: string, dir: string): boolean {
  if (dir === '/') return true;
  return path === dir || path.startsWith(`${dir}/`);
}

/** Either path contains the other. */
export function overlaps(a: string, b: string): boolean {
  return isUnder(a, b) || isUnder(b, a);
}

/** `path` relative to `dir` (path must be under dir); '' when equal. */
export function relativeTo(path: string, dir: string): string {
  if (path === dir) return '';
  return dir === '/' ? path.slice(1) : path.slice(dir.length + 1);
}

export function joinContext(dir: string, rel: string): string {
  if (!dir) return rel;
  if (!rel) return dir;
  return `${dir}/${rel}`;
}

export function dirnameOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? (path.startsWith('/') ? '/' : '') : path.slice(0, i);
}

export function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A COPY source as a context-relative path ('' for the root), or null when it would leave the context. */
export function contextPath(source: string): string | null {
  const parts: string[] = [];
  for (const p of source.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else {
      parts.push(p);
    }
  }
  return parts.join('/');
}

const GLOB = /[*?[]/;
/** Names that are files, not directories, when the context does not say (it only answers for files). */
const FILE_NAME = /^[^.].*\.[A-Za-z0-9]{1,8}$|^(Gemfile|Pipfile|Dockerfile|Makefile|Procfile|Rakefile|LICENSE|mvnw|gradlew|Cargo\.lock)$|^\.(npmrc|yarnrc|yarnrc\.yml|env|nvmrc|python-version|ruby-version|tool-versions|pnpmfile\.cjs|babelrc|eslintrc|prettierrc|editorconfig|gitignore|dockerignore)$/;
const ARCHIVE = /\.(tar|tgz|tbz2?|txz|tar\.(gz|bz2|xz|zst)|gz|bz2|xz|zst)$/i;
const URL_SOURCE = /^[a-z][a-z0-9+.-]*:\/\/|^git@/i;

// ---------------------------------------------------------------------------------------------------------

export type SourceKind = 'dir' | 'file' | 'glob';

export interface CopySource {
  /** As written. */
  raw: string;
  /** Context-relative path (for a glob: the pattern). */
  path: string;
  kind: SourceKind;
  /** A file the build context does not have (the COPY fails, or the context given is not the real one). */
  missing?: boolean;
}

export interface CopyFlags {
  chown: string | null;
  chmod: string | null;
  link: boolean;
  from: string | null;
  /** Flags this module does not model (`--parents`, `--exclude`, `--checksum`, …). */
  other: string[];
}

export interface CopyOp {
  ins: Instruction;
  /** Copies from the build context: no --from, no URL, no heredoc, no auto-extracted archive. */
  local: boolean;
  /** Why the copy cannot be moved or relied on (a missing source, an unknown flag, …). */
  problem: string | null;
  /** What it writes cannot be modelled: it may write anything under its destination. */
  opaque: boolean;
  sources: CopySource[];
  /** Destination as written and resolved. */
  destRaw: string;
  dest: string;
  /** The destination is a directory the sources go into (not a file path). */
  destIsDir: boolean;
  flags: CopyFlags;
}

export interface FileOracle {
  /** A file at this context path is sent to the builder (exists and not excluded by .dockerignore). */
  hasFile(path: string): boolean;
  /** The file exists but .dockerignore excludes it. */
  excluded(path: string): boolean;
}

function parseFlags(ins: Instruction): CopyFlags {
  const f: CopyFlags = { chown: null, chmod: null, link: false, from: null, other: [] };
  for (const flag of ins.flags) {
    const name = flag.name.toLowerCase();
    if (name === 'chown') f.chown = flag.value;
    else if (name === 'chmod') f.chmod = flag.value;
    else if (name === 'link') f.link = flag.value === null || flag.value === 'true';
    else if (name === 'from') f.from = flag.value;
    else f.other.push(name);
  }
  return f;
}

/** Arguments of COPY/ADD (sources + destination), or null for heredocs. */
function copyArgs(ins: Instruction): string[] | null {
  if (ins.heredoc) return null;
  return ins.args.map((a) => a.value);
}

/**
 * Resolve a COPY/ADD. `knownDirs` says whether a path is known to be a directory in the image at that point
 * (it decides where a single file copied to a destination without a trailing slash goes).
 */
export function resolveCopy(ins: Instruction, files: FileOracle, knownDir: (path: string) => boolean): CopyOp {
  const flags = parseFlags(ins);
  const vars = ins.state.vars;
  const args = copyArgs(ins);
  const op: CopyOp = { ins, local: false, problem: null, opaque: true, sources: [], destRaw: '', dest: '/', destIsDir: true, flags };
  if (!args || args.length < 2) {
    op.problem = ins.heredoc ? 'a heredoc COPY' : 'a COPY without source and destination';
    if (args && args.length === 1) op.dest = resolvePath(ins.state.workdir, expandVars(args[0], vars));
    if (ins.heredoc) {
      const last = ins.args[ins.args.length - 1]?.value ?? '';
      op.destRaw = last;
      op.dest = resolvePath(ins.state.workdir, expandVars(last, vars));
      op.destIsDir = last.endsWith('/');
    }
    return op;
  }
  op.destRaw = args[args.length - 1];
  const destText = expandVars(op.destRaw, vars);
  op.dest = resolvePath(ins.state.workdir, destText);
  const rawSources = args.slice(0, -1);
  op.local = flags.from === null;
  let opaque = !op.local;
  for (const raw of rawSources) {
    if (URL_SOURCE.test(raw)) {
      op.local = false;
      opaque = true;
      op.problem ??= `the ${ins.name} on line ${ins.line} fetches a URL`;
      continue;
    }
    const expanded = expandVars(raw, vars);
    const path = contextPath(expanded);
    if (path === null) {
      opaque = true;
      op.problem ??= `a source of the ${ins.name} on line ${ins.line} leaves the build context`;
      continue;
    }
    let missing = false;
    let kind: SourceKind;
    if (GLOB.test(expanded)) kind = 'glob';
    else if (path === '' || expanded.endsWith('/') || expanded.endsWith('/.')) kind = 'dir';
    else if (files.hasFile(path)) kind = 'file';
    else if (FILE_NAME.test(basenameOf(path))) {
      kind = 'file';
      missing = true;
      op.problem ??= `the ${ins.name} on line ${ins.line} copies ${path}, which ${files.excluded(path) ? '.dockerignore excludes' : 'is not in the build context'}`;
    } else kind = 'dir';
    if (ins.name === 'ADD' && kind === 'file' && ARCHIVE.test(path)) {
      op.local = false;
      opaque = true;
      op.problem ??= `the ADD on line ${ins.line} may extract an archive`;
    }
    op.sources.push(missing ? { raw, path, kind, missing } : { raw, path, kind });
  }
  if (unknownVariable(rawSources, vars)) {
    opaque = true;
    op.problem ??= `the ${ins.name} on line ${ins.line} uses a variable that has no known value`;
  }
  if (flags.other.length) {
    opaque = true;
    op.problem ??= `the ${ins.name} on line ${ins.line} has --${flags.other[0]}`;
  }
  op.opaque = opaque;
  const single = op.sources.length === 1 && rawSources.length === 1 ? op.sources[0] : null;
  if (single && single.kind === 'file' && !destText.endsWith('/') && !destText.endsWith('/.') && destText !== '.') {
    op.destIsDir = knownDir(op.dest);
  } else {
    op.destIsDir = true;
  }
  return op;
}

/** Sources that reference an ARG/ENV the model does not know. */
function unknownVariable(sources: string[], vars: Record<string, string>): boolean {
  return sources.some((s) => [...s.matchAll(/\$\{?([A-Za-z_]\w*)/g)].some((m) => !(m[1] in vars)));
}

/** Whether a glob (Go filepath.Match syntax) matches a single path segment; a malformed glob matches nothing. */
export function globMatch(pattern: string, name: string): boolean {
  return compileCopyGlob(pattern)?.(name) ?? false;
}

export type Coverage =
  | { kind: 'context'; path: string; op: CopyOp }
  | { kind: 'unknown'; op: CopyOp }
  | null;

/**
 * Whether the COPY writes the container path `abs` (a file), and from which context file.
 * Globs are matched against direct children of the destination only (a wildcard matching a directory is not modelled).
 */
export function copyCovers(op: CopyOp, abs: string, files: FileOracle): Coverage {
  if (op.opaque) {
    if (op.destIsDir ? isUnder(abs, op.dest) : abs === op.dest) return { kind: 'unknown', op };
    return null;
  }
  for (let i = op.sources.length - 1; i >= 0; i--) {
    const s = op.sources[i];
    if (s.kind === 'dir') {
      if (abs === op.dest || !isUnder(abs, op.dest)) continue;
      const path = joinContext(s.path, relativeTo(abs, op.dest));
      if (files.hasFile(path)) return { kind: 'context', path, op };
    } else if (s.kind === 'file') {
      const target = op.destIsDir ? resolvePath(op.dest, basenameOf(s.path)) : op.dest;
      if (target === abs) return s.missing ? { kind: 'unknown', op } : { kind: 'context', path: s.path, op };
    } else {
      if (dirnameOf(abs) !== op.dest) {
        if (isUnder(abs, op.dest) && abs !== op.dest) {
          // A wildcard may match a directory whose contents land deeper: only when the name could match.
          const first = relativeTo(abs, op.dest).split('/')[0];
          if (globMatch(basenameOf(s.path), first)) return { kind: 'unknown', op };
        }
        continue;
      }
      const name = basenameOf(abs);
      if (!globMatch(basenameOf(s.path), name)) continue;
      const path = joinContext(dirnameOf(s.path), name);
      if (files.hasFile(path)) return { kind: 'context', path, op };
    }
  }
  return null;
}

/** Container paths (files or directories) this COPY may write: its footprint. */
export function copyAreas(op: CopyOp): string[] {
  if (op.opaque) return [op.dest];
  const areas: string[] = [];
  for (const s of op.sources) {
    if (s.kind === 'file') areas.push(op.destIsDir ? resolvePath(op.dest, basenameOf(s.path)) : op.dest);
    else areas.push(op.dest);
  }
  return [...new Set(areas)];
}

/** The files a local COPY of single files writes (null when it copies a directory or a glob). */
export function copyFileTargets(op: CopyOp): Array<{ abs: string; path: string }> | null {
  if (op.opaque || op.sources.some((s) => s.kind !== 'file')) return null;
  return op.sources.map((s) => ({ abs: op.destIsDir ? resolvePath(op.dest, basenameOf(s.path)) : op.dest, path: s.path }));
}

// ---------------------------------------------------------------------------------------------------------

/** Directories base images have (a file copied onto one of these goes inside it). */
const IMAGE_DIRS = new Set(['/', '/bin', '/etc', '/home', '/lib', '/opt', '/root', '/sbin', '/srv', '/tmp', '/usr', '/usr/bin',
  '/usr/lib', '/usr/local', '/usr/local/bin', '/usr/local/lib', '/usr/share', '/usr/src', '/var', '/var/lib', '/var/www']);

/** Add a directory and its parents. The set holds the parents of all it holds: stop at the first one it has. */
function addWithParents(set: Set<string>, dir: string): void {
  for (let d = dir; !set.has(d); d = dirnameOf(d)) {
    set.add(d);
    if (d === '/' || d === '') break;
  }
}

/** The WORKDIR an instruction `WORKDIR x` sets. */
export function workdirAfter(ins: Instruction): string {
  return resolvePath(ins.state.workdir, expandVars(ins.args.map((a) => a.value).join(' '), ins.state.vars));
}

/**
 * The stage's COPY/ADD instructions before `until` (and those of the stages it is built FROM, earlier in time),
 * resolved in order, each with the directories known to exist when it runs.
 */
export function stageCopies(until: Instruction, files: FileOracle): CopyOp[] {
  const stage = until.stage;
  if (!stage) return [];
  const chain: Instruction[] = [];
  const stages = [];
  for (let s: typeof stage | null = stage; s; s = s.baseStage) stages.unshift(s);
  for (const s of stages) {
    for (const ins of s.instructions) {
      if (ins === until) break;
      chain.push(ins);
    }
  }
  const dirs = new Set<string>(IMAGE_DIRS);
  const ops: CopyOp[] = [];
  for (const ins of chain) {
    if (ins.name === 'WORKDIR') {
      addWithParents(dirs, workdirAfter(ins));
      continue;
    }
    if (ins.name !== 'COPY' && ins.name !== 'ADD') continue;
    const op = resolveCopy(ins, files, (p) => dirs.has(p));
    ops.push(op);
    if (op.destIsDir) addWithParents(dirs, op.dest);
    else addWithParents(dirs, dirnameOf(op.dest));
  }
  return ops;
}
