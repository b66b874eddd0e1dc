/**
 * Paths the final image's process writes or must own: directories the image makes with mkdir (or install -d)
 * that the startup command, an ENV value, a VOLUME or the WORKDIR names, and the working directory when the
 * startup command or a script it runs writes there.
 */
import type { Instruction, Model } from '../../src/model/types.js';
import { expandVars, resolvePath } from '../../src/model/vars.js';
import type { TransformContext } from '../../src/transform-types.js';
import { base, contextSources, copyParts, runCommands, scriptOf, SHELLS, startupCommands, type Words } from './root-needs.js';
import { shellWrites } from '../shared/shell-writes.js';

/** A directory a RUN of the final image creates. */
export interface MadeDir {
  path: string;
  ins: Instruction;
}

/** Why the process needs a path: what names it. */
export interface PathRef {
  path: string;
  /** `CMD on line 12`, `the script start.sh (run by CMD on line 12)`. */
  by: string;
  line: number;
  /** Startup writes this path (rather than only naming it). */
  write?: boolean;
}

/** A directory made by root that the process needs to own. */
export interface OwnedDir {
  made: MadeDir;
  ref: PathRef;
}

/** Directories that need no owner (scratch space, kernel file systems), and those every base image has already. */
const SCRATCH_DIR = /^\/(tmp|var\/tmp|dev|proc|sys|run)(\/|$)|^\/$/;
const SYSTEM_DIR = /^\/(tmp|var\/tmp|dev|proc|sys|run)(\/|$)|^\/$|^\/(opt|srv|mnt|media|home|etc|var|usr|bin|sbin|lib|lib64|boot|root|var\/(lib|log|cache|opt|spool|local|www)|usr\/(local|src|share|lib|bin|sbin|local\/(bin|lib|share|src|etc|sbin)))$/;
/** A mode that lets anyone write (`777`, `1777`, `a+w`, `o+rwx`). */
const WORLD_WRITABLE = /^[0-7]?[0-7][0-7][2367]$|(^|,)[ao]*[ao][ao]*\+[rx]*w/;

/** The path a word names, with build variables expanded, or null when it is not a plain path. */
function pathOf(word: string, ins: Instruction, relative: boolean): string | null {
  const w = word.includes('$') ? expandVars(word, ins.state.vars) : word;
  if (/[$`{}*?[\]'"]/.test(w) || w === '') return null;
  if (!w.startsWith('/') && !relative) return null;
  return resolvePath(ins.state.workdir, w);
}

/** Operands of `mkdir` / `install -d` and whether the command sets an owner or a world-writable mode. */
function mkdirOperands(w: Words): { dirs: string[]; open: boolean } | null {
  const name = base(w[0] ?? '');
  const isInstallDir = name === 'install' && w.some((x) => x === '--directory' || /^-[a-zA-Z]*d[a-zA-Z]*$/.test(x));
  if (name !== 'mkdir' && !isInstallDir) return null;
  const dirs: string[] = [];
  let open = false;
  for (let i = 1; i < w.length; i++) {
    const x = w[i];
    const mode = /^(?:-m|--mode)=?(.*)$/.exec(x);
    if (mode) {
      const v = mode[1] || w[++i] || '';
      if (WORLD_WRITABLE.test(v)) open = true;
      continue;
    }
    if (isInstallDir && /^-[ogt]$|^--(owner|group|target-directory)$/.test(x)) {
      open = true;
      i++;
      continue;
    }
    if (isInstallDir && /^--(owner|group)=/.test(x)) open = true;
    if (!x.startsWith('-')) dirs.push(x);
  }
  return { dirs, open };
}

/** Whether a RUN chowns or chmods the path (or, with -R, a directory above it). */
function givenAway(m: Model, chainIns: Instruction[], path: string): boolean {
  return chainIns.some((r) => r.name === 'RUN' && runCommands(m, r).some((w) => {
    if (!['chown', 'chmod', 'chgrp', 'setfacl'].includes(base(w[0] ?? ''))) return false;
    const recursive = w.some((x) => /^-[a-zA-Z]*R/.test(x) || x === '--recursive');
    return w.slice(1).some((x) => {
      const p = pathOf(x, r, false);
      return p !== null && (p === path || (recursive && path.startsWith(p === '/' ? '/' : `${p}/`)));
    });
  }));
}

/** Directories created by the RUNs of the final image that stay root's (no world-writable mode, no chown). */
export function madeDirs(m: Model, chainIns: Instruction[]): MadeDir[] {
  const out: MadeDir[] = [];
  for (const ins of chainIns) {
    if (ins.name !== 'RUN') continue;
    const relative = !(ins.shell?.stateChanges ?? []).includes('cd');
    for (const w of runCommands(m, ins)) {
      const ops = mkdirOperands(w);
      if (!ops || ops.open) continue;
      for (const d of ops.dirs) {
        const path = pathOf(d, ins, relative);
        if (path === null || SYSTEM_DIR.test(path) || out.some((x) => x.path === path)) continue;
        if (!givenAway(m, chainIns, path)) out.push({ path, ins });
      }
    }
  }
  return out;
}

/** The text of a startup script copied from the build context (or a heredoc), when it is a shell script. */
function scriptText(m: Model, chainIns: Instruction[], ins: Instruction, program: string, ctx: TransformContext): string | null {
  const path = program.includes('/') ? resolvePath(ins.state.workdir, program) : program;
  const { inline, candidates } = contextSources(m, chainIns, path);
  const text = inline ?? candidates.map((c) => ctx.context.readText(c)).find((t) => t !== null) ?? null;
  if (text === null || text.includes('\u0000')) return null;
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
  const interpreter = shebang ? (base(shebang[1]) === 'env' ? base(shebang[2] ?? '') : base(shebang[1])) : null;
  return (interpreter !== null ? SHELLS.has(interpreter) : /\.(sh|bash)$/.test(program)) ? text : null;
}

/** Shell text the container runs at startup: shell-form CMD/ENTRYPOINT, `sh -c` strings, and readable scripts. */
export function startupTexts(m: Model, chainIns: Instruction[], entry: Instruction | null, cmd: Instruction | null, ctx: TransformContext): Array<{ text: string; by: string; ins: Instruction }> {
  const out: Array<{ text: string; by: string; ins: Instruction }> = [];
  for (const ins of [entry, cmd]) {
    if (!ins) continue;
    const by = `${ins.name} on line ${ins.line}`;
    if (!ins.json) out.push({ text: m.text.slice(ins.argsStart, ins.argsEnd), by, ins });
    else {
      const w = ins.args.map((a) => a.value);
      const c = w.findIndex((x, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(x));
      if (SHELLS.has(base(w[0] ?? '')) && c > 0 && w[c + 1] !== undefined) out.push({ text: w[c + 1], by, ins });
    }
    for (const w of startupCommands(m, ins)) {
      const program = scriptOf(w);
      const text = program ? scriptText(m, chainIns, ins, program, ctx) : null;
      if (text !== null) out.push({ text, by: `the script ${program} (run by ${ins.name} on line ${ins.line})`, ins });
    }
  }
  return out;
}

/** Paths named by the startup command, ENV values, VOLUMEs, the final WORKDIR, and what startup scripts write. */
export function pathRefs(m: Model, chainIns: Instruction[], workdir: string, entry: Instruction | null, cmd: Instruction | null, ctx: TransformContext): PathRef[] {
  // What startup writes comes first: it is the strongest reason to own a directory.
  const refs: PathRef[] = [];
  for (const s of startupTexts(m, chainIns, entry, cmd, ctx)) {
    for (const w of shellWrites(s.text)) {
      if (/[$`]/.test(w.path)) continue;
      refs.push({ path: resolvePath(workdir, w.path), by: `${s.by}: ${w.by} ${w.path}`, line: s.ins.line, write: true });
    }
  }
  const add = (word: string, ins: Instruction, by: string, relative: boolean) => {
    for (const part of [word, ...word.split(/[=:,;]/).slice(1)]) {
      const p = pathOf(part, ins, relative);
      if (p !== null) refs.push({ path: relative && !part.startsWith('/') ? resolvePath(workdir, part) : p, by, line: ins.line });
    }
  };
  for (const ins of [entry, cmd]) {
    if (!ins) continue;
    for (const w of startupCommands(m, ins)) for (const x of w.slice(1)) if (!x.startsWith('-')) add(x, ins, `${ins.name} on line ${ins.line}`, true);
  }
  for (const ins of chainIns) {
    const by = `${ins.name} on line ${ins.line}`;
    if (ins.name === 'ENV') for (const a of ins.args) add(a.value.replace(/^[A-Za-z_][A-Za-z0-9_]*=/, '').replace(/^["']|["']$/g, ''), ins, by, false);
    if (ins.name === 'VOLUME') for (const a of ins.args) add(a.value.replace(/^["']|["']$/g, ''), ins, by, false);
  }
  const wd = [...chainIns].reverse().find((i) => i.name === 'WORKDIR');
  if (wd && workdir !== '/') refs.push({ path: workdir, by: `WORKDIR on line ${wd.line}`, line: wd.line });
  return refs;
}

/** Whether a path lies under a COPY/ADD destination of the final image (a file the build put there). */
function copiedPath(m: Model, chainIns: Instruction[], path: string): boolean {
  return chainIns.some((ins) => {
    const dest = copyParts(m, ins)?.dest;
    return dest !== undefined && (path === dest || path.startsWith(dest === '/' ? '/' : `${dest}/`));
  });
}

/**
 * Whether the build puts files in a directory: a COPY/ADD into it, or a RUN command (other than mkdir, chown,
 * chmod) with an argument naming it or a path in it (`tar -C dir`, `javac -d dir`, `mv x dir`, `curl -o dir/f`).
 * Such a directory holds code or configuration; an empty one made by mkdir is a place for data.
 */
function populated(m: Model, chainIns: Instruction[], dir: string): boolean {
  const inside = (p: string | null) => p !== null && (p === dir || p.startsWith(`${dir}/`));
  return chainIns.some((ins) => {
    if (ins.name !== 'RUN') return inside(copyParts(m, ins)?.dest ?? null);
    const relative = !(ins.shell?.stateChanges ?? []).includes('cd');
    if (runCommands(m, ins).some((w) => !['mkdir', 'chown', 'chmod', 'chgrp'].includes(base(w[0] ?? ''))
      && w.slice(1).some((x) => x.split('=').some((part) => inside(pathOf(part, ins, relative)))))) return true;
    // Files the RUN writes there with a redirection (`echo x > /opt/report/$f.txt`): a static directory part is enough.
    return ins.shell?.ok === true && shellWrites(ins.shell.text).some((w) => {
      if (w.by === 'mkdir') return false;
      const path = w.path.includes('$') ? expandVars(w.path, ins.state.vars) : w.path;
      if (path.startsWith('/')) return path.startsWith(`${dir}/`);
      return relative && !/^[$`~]/.test(path) && inside(resolvePath(ins.state.workdir, path));
    });
  });
}

/**
 * Directories made by root that the process needs. An empty directory made for data: named exactly, or a path
 * under it that no COPY/ADD put there (a data file the app creates). A directory the build fills with files:
 * only when startup writes there or it is a VOLUME.
 */
export function ownedDirs(m: Model, chainIns: Instruction[], workdir: string, entry: Instruction | null, cmd: Instruction | null, ctx: TransformContext): OwnedDir[] {
  const made = madeDirs(m, chainIns);
  if (!made.length) return [];
  const refs = pathRefs(m, chainIns, workdir, entry, cmd, ctx);
  const out: OwnedDir[] = [];
  for (const d of made) {
    const under = (r: PathRef) => r.path.startsWith(`${d.path}/`);
    const filled = populated(m, chainIns, d.path);
    const ref = refs.find((r) => r.write && (r.path === d.path || under(r)))
      ?? refs.find((r) => r.path === d.path && (!filled || r.by.startsWith('VOLUME ')))
      ?? (filled ? undefined : refs.find((r) => under(r) && !copiedPath(m, chainIns, r.path)));
    if (ref) out.push({ made: d, ref });
  }
  return out;
}

/** What startup writes into the working directory (relative paths or paths under it). */
export function workdirWrites(m: Model, chainIns: Instruction[], workdir: string, entry: Instruction | null, cmd: Instruction | null, ctx: TransformContext): PathRef[] {
  if (SCRATCH_DIR.test(workdir) || workdir.startsWith('/home/')) return [];
  const out: PathRef[] = [];
  for (const s of startupTexts(m, chainIns, entry, cmd, ctx)) {
    for (const w of shellWrites(s.text)) {
      if (/[$`]/.test(w.path) && !/^\$\{?(PWD)\}?(\/|$)/.test(w.path)) continue;
      const path = resolvePath(workdir, w.path.replace(/^\$\{?PWD\}?/, workdir));
      if (path === workdir || path.startsWith(`${workdir}/`)) out.push({ path, by: `${s.by}: ${w.by} ${w.path}`, line: s.ins.line, write: true });
    }
  }
  return out;
}
