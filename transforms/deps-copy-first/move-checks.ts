/**
 * Whether the source COPYs of deps-copy-first can run after the install instead of before it: what they write
 * must not meet what the instructions they move past, or the install itself, read and write.
 */
import type { Instruction, Model } from '../../src/model/types.js';
import { expandVars, resolvePath } from '../../src/model/vars.js';
import type { Analysis } from './manifests.js';
import {
  copyAreas, copyCovers, dirnameOf, globMatch, isUnder, joinContext, overlaps, relativeTo, type CopyOp, type FileOracle,
} from '../shared/copy-paths.js';
import type { DockerIgnore } from '../shared/dockerignore-file.js';
import type { Found } from './install-run.js';
import { commandVars } from './install-run.js';
import { homeOf, mountProblem, runProblem, type Footprint } from './safe-commands.js';

/** Directories other tools write too: copying the sources there is never moved. */
export const SYSTEM_DIRS = new Set(['/', '/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/lib64', '/proc', '/root', '/run', '/sbin',
  '/sys', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/local', '/usr/local/bin', '/usr/local/lib', '/usr/sbin', '/var',
  '/var/lib', '/var/tmp']);

/** Variables naming directories installs read or write. */
const PATH_VARS = ['PATH', 'PYTHONPATH', 'NODE_PATH', 'GOPATH', 'GOMODCACHE', 'GOCACHE', 'GEM_HOME', 'GEM_PATH', 'BUNDLE_PATH',
  'BUNDLE_APP_CONFIG', 'BUNDLE_USER_HOME', 'VIRTUAL_ENV', 'PIP_TARGET', 'PIP_PREFIX', 'PIP_CONFIG_FILE', 'PIP_CACHE_DIR',
  'PIP_SRC', 'POETRY_HOME', 'POETRY_CACHE_DIR', 'POETRY_VIRTUALENVS_PATH', 'POETRY_CONFIG_DIR', 'PIPENV_CACHE_DIR',
  'WORKON_HOME', 'NPM_CONFIG_CACHE', 'npm_config_cache', 'NPM_CONFIG_PREFIX', 'npm_config_prefix', 'NPM_CONFIG_USERCONFIG',
  'npm_config_userconfig', 'YARN_CACHE_FOLDER', 'PNPM_HOME', 'COMPOSER_HOME', 'COMPOSER_VENDOR_DIR', 'COMPOSER_CACHE_DIR',
  'COMPOSER_BIN_DIR', 'MAVEN_CONFIG', 'M2_HOME', 'XDG_CACHE_HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'UV_CACHE_DIR'];

/** Directories in HOME that installs write (caches, user installs, configuration). */
const HOME_DIRS = ['.cache', '.npm', '.local', '.config', '.m2', '.composer', '.bundle', '.gem', 'go', '.yarn', '.pnpm-store',
  '.node-gyp', '.npmrc', '.yarnrc', '.pip', '.virtualenvs'];

/** A source COPY may put something at or under this path. */
export function mayWriteUnder(ops: CopyOp[], path: string, ignore: DockerIgnore, files: FileOracle): CopyOp | null {
  for (const op of ops) {
    for (const s of op.sources) {
      if (s.kind === 'dir') {
        if (isUnder(op.dest, path)) return op;
        if (!isUnder(path, op.dest)) continue;
        const ctx = joinContext(s.path, relativeTo(path, op.dest));
        if (files.hasFile(ctx) || !ignore.excludesDir(ctx)) return op;
      } else if (s.kind === 'file') {
        if (copyAreas({ ...op, sources: [s] }).some((t) => isUnder(t, path))) return op;
      } else if (overlaps(op.dest, path)) return op;
    }
  }
  return null;
}

export function sameOwnership(a: CopyOp, b: CopyOp): boolean {
  const norm = (op: CopyOp, v: string | null) => (v === null ? null : expandVars(v, op.ins.state.vars));
  return norm(a, a.flags.chown) === norm(b, b.flags.chown) && norm(a, a.flags.chmod) === norm(b, b.flags.chmod);
}

/** Whether S writes the same bytes (same context file, same owner and mode) as X does at `abs`, or nothing there. */
function sameOrNothing(s: CopyOp, x: CopyOp, abs: string, xPath: string, files: FileOracle): boolean {
  const cov = copyCovers(s, abs, files);
  return cov === null || (cov.kind === 'context' && cov.path === xPath && sameOwnership(s, x));
}

/** Why a moved COPY, now after X, could overwrite what X wrote (when not the same bytes), or null. */
function collision(x: CopyOp, s: CopyOp, files: FileOracle): boolean {
  if (!copyAreas(x).some((a) => copyAreas(s).some((b) => overlaps(a, b)))) return false;
  if (x.opaque) return true;
  for (const src of x.sources) {
    if (src.kind === 'file') {
      const t = x.destIsDir ? resolvePath(x.dest, src.path.split('/').pop()!) : x.dest;
      if (!sameOrNothing(s, x, t, src.path, files)) return true;
      continue;
    }
    for (const t of s.sources) {
      if (t.kind === 'glob' || s.opaque) return true;
      if (t.kind === 'file') {
        const target = s.destIsDir ? resolvePath(s.dest, t.path.split('/').pop()!) : s.dest;
        if (!isUnder(target, x.dest) || target === x.dest) continue;
        const rel = relativeTo(target, x.dest);
        const xPath = src.kind === 'dir' ? joinContext(src.path, rel) : rel.includes('/') || !globMatch(src.path.split('/').pop()!, rel) ? null : joinContext(dirnameOf(src.path), rel);
        if (xPath !== null && files.hasFile(xPath) && !(xPath === t.path && sameOwnership(s, x))) return true;
        continue;
      }
      // Both copy directory trees: the overlapping part must come from the same context directory.
      if (src.kind === 'dir') {
        const same = sameOwnership(s, x) && (
          (isUnder(x.dest, s.dest) && joinContext(t.path, relativeTo(x.dest, s.dest)) === src.path)
          || (isUnder(s.dest, x.dest) && joinContext(src.path, relativeTo(s.dest, x.dest)) === t.path));
        if (!same) return true;
      } else {
        // X copies files matching a pattern into x.dest; S's tree must hold the same directory there.
        if (isUnder(s.dest, x.dest) && s.dest !== x.dest) {
          if (globMatch(src.path.split('/').pop()!, relativeTo(s.dest, x.dest).split('/')[0])) return true;
          continue;
        }
        if (!(sameOwnership(s, x) && joinContext(t.path, relativeTo(x.dest, s.dest)) === dirnameOf(src.path))) return true;
      }
    }
  }
  return false;
}

/** Why moving the source COPYs past this COPY could change what ends up in the image. */
function copyCollision(x: CopyOp, moved: CopyOp[], files: FileOracle): string | null {
  const s = moved.find((op) => collision(x, op, files));
  return s ? `the ${x.ins.name} on line ${x.ins.line} writes into ${x.dest} too, and the COPY on line ${s.ins.line} would now overwrite it` : null;
}

function volumeProblem(ins: Instruction, fp: Footprint): string | null {
  for (const a of ins.args) {
    const abs = resolvePath(ins.state.workdir, expandVars(a.value, ins.state.vars));
    if (fp.areas.some((x) => overlaps(x, abs))) return `the VOLUME on line ${ins.line} covers where the sources are copied`;
  }
  return null;
}

function numericOwner(v: string | null, vars: Record<string, string>): boolean {
  return v === null || /^\d+(:\d+)?$/.test(expandVars(v, vars));
}

export function footprint(moved: CopyOp[], files: FileOracle): Footprint {
  return {
    areas: moved.flatMap((op) => copyAreas(op)),
    lines: moved.flatMap((op) => copyAreas(op).map(() => op.ins.line)),
    namedOwner: moved.some((op) => !numericOwner(op.flags.chown, op.ins.state.vars)),
    provides: (abs) => moved.some((op) => copyCovers(op, abs, files)?.kind === 'context'),
  };
}

/**
 * The home directory of the USER the install runs as: HOME, /root, the home a `useradd`/`adduser` in the file
 * gives the user, else /home/<user>. Null for a numeric user nothing in the file creates.
 */
function homeFor(r: Instruction): string | null {
  const known = homeOf(r.state.vars, r.state.user);
  if (known) return known;
  const user = (r.state.user ?? '').split(':')[0];
  const stages = [];
  for (let s = r.stage; s; s = s.baseStage) stages.push(s);
  for (const s of stages) {
    for (const ins of s.instructions) {
      if (ins.index >= r.index || ins.name !== 'RUN' || !ins.shell?.ok) continue;
      for (const c of ins.shell.commands) {
        const base = c.effective?.name.value?.split('/').pop();
        if (base !== 'useradd' && base !== 'adduser') continue;
        const words = c.effective!.args.map((w) => w.value ?? '');
        const positional = words.filter((w, i) => !w.startsWith('-') && !/^-/.test(words[i - 1] ?? '') );
        if (!words.includes(user) && positional[positional.length - 1] !== user) continue;
        const i = words.findIndex((w) => ['-d', '-h', '--home', '--home-dir'].includes(w));
        if (i >= 0 && words[i + 1]) return words[i + 1];
        const eq = words.find((w) => /^--home(-dir)?=/.test(w));
        if (eq) return eq.slice(eq.indexOf('=') + 1);
        return `/home/${user}`;
      }
    }
  }
  return /^\d+$/.test(user) ? null : `/home/${user}`;
}

/** Why this COPY would not copy the same files to the same place after the install. */
export function copyProblem(r: Instruction, op: CopyOp): string | null {
  if (SYSTEM_DIRS.has(op.dest)) return `the COPY on line ${op.ins.line} copies into ${op.dest}, where other tools write too`;
  const dest = resolvePath(r.state.workdir, expandVars(op.destRaw, r.state.vars));
  if (dest !== op.dest) return `the COPY on line ${op.ins.line} would copy to ${dest} instead of ${op.dest} after the move (WORKDIR, ARG or ENV changes in between)`;
  for (const v of [op.flags.chown, op.flags.chmod]) {
    if (v !== null && expandVars(v, r.state.vars) !== expandVars(v, op.ins.state.vars)) {
      return `the flags of the COPY on line ${op.ins.line} use a variable that changes before the install`;
    }
  }
  return null;
}

/** The first instruction the COPYs would move past that might read or write what they copy. */
export function blockingInstruction(m: Model, r: Instruction, moved: CopyOp[], fp: Footprint, ops: CopyOp[], files: FileOracle):
  { index: number; why: string } | null {
  for (let i = moved[0].ins.index + 1; i < r.index; i++) {
    const x = m.instructions[i];
    if (moved.some((op) => op.ins === x)) continue;
    const before = moved.filter((op) => op.ins.index < i);
    if (before.length === 0) continue;
    const bfp = before.length === moved.length ? fp : footprint(before, files);
    let why: string | null = null;
    if (x.name === 'RUN') why = runProblem(x, bfp);
    else if (x.name === 'COPY' || x.name === 'ADD') {
      const op = ops.find((o) => o.ins === x);
      why = op ? copyCollision(op, before, files) : null;
    } else if (x.name === 'VOLUME') why = volumeProblem(x, bfp);
    if (why) return { index: i, why };
  }
  return null;
}

/** Why the install itself could behave differently once the COPYs run after it. */
export function installProblem(r: Instruction, analyses: Array<{ f: Found; a: Analysis }>, moved: CopyOp[], fp: Footprint,
  ignore: DockerIgnore, files: FileOracle): string | null {
  const mount = mountProblem(r, fp);
  if (mount) return `the install RUN: ${mount}`;
  const home = homeFor(r);
  if (home === null) {
    if (fp.areas.some((a) => isUnder(a, '/home'))) return `the home directory of USER ${r.state.user} is not known, and the installs write caches there`;
  } else {
    for (const dir of HOME_DIRS) {
      const w = mayWriteUnder(moved, resolvePath(home, dir), ignore, files);
      if (w) return `the COPY on line ${w.ins.line} copies into the home directory ${home}, where the install keeps ${dir}`;
    }
  }
  for (const { f, a } of analyses) {
    const vars = commandVars(r, f.install.cmd);
    for (const name of PATH_VARS) {
      for (const entry of (vars[name] ?? '').split(':')) {
        if (!entry || entry.startsWith('$')) continue;
        const abs = resolvePath(f.cwd, entry);
        const w = mayWriteUnder(moved, abs, ignore, files);
        if (w) return `${name} includes ${entry}, where the COPY on line ${w.ins.line} copies to`;
      }
    }
    for (const u of a.uses.filter((x) => !a.reads.includes(x))) {
      const w = mayWriteUnder(moved, u, ignore, files);
      if (w) return `${f.install.label} runs ${u}, which the COPY on line ${w.ins.line} copies`;
    }
    for (const w of a.writes) {
      if (w.dir) {
        const op = mayWriteUnder(moved, w.path, ignore, files);
        if (op) {
          const hint = dirHint(op, w.path);
          return `${w.why}, and the COPY on line ${op.ins.line}, now after the install, would lay the build context's ${hint ?? w.path} over it${hint ? ` (exclude ${hint} in .dockerignore)` : ''}`;
        }
      } else {
        const op = moved.find((s) => copyCovers(s, w.path, files)?.kind === 'context');
        if (op) return `${w.why}, and the COPY on line ${op.ins.line}, now after the install, would put the build context's copy back`;
      }
    }
  }
  return null;
}

function dirHint(op: CopyOp, path: string): string | null {
  const s = op.sources.find((x) => x.kind === 'dir');
  if (!s || !isUnder(path, op.dest) || path === op.dest) return null;
  return joinContext(s.path, relativeTo(path, op.dest));
}
