/**
 * The edits of deps-copy-first. Each moved COPY travels as "line break + its lines" (byte-identical, with
 * magic-string's move), so removing it leaves no empty line and it can land after the last line of the file.
 * Adjacent moved COPYs travel as one chunk. A manifest COPY is inserted where its source COPY was.
 */
import type { Edit } from '../../src/edits.js';
import { keyword } from '../../src/model/style.js';
import type { Instruction, Model, ShellCommand } from '../../src/model/types.js';
import { contextPath, dirnameOf, relativeTo, type CopyOp } from '../shared/copy-paths.js';

export type Layout =
  /** The whole RUN installs: the COPYs go after it. */
  | { mode: 'whole' }
  /** The RUN installs up to `end`, then does more from `restStart`: it is cut in two with the COPYs between. */
  | { mode: 'split'; end: number; restStart: number }
  /** The RUN also installs the project itself: a copy of it up to `end`, with flags added, runs before the COPYs. */
  | { mode: 'early'; end: number; earlyFlags: Map<ShellCommand, string[]> };

export interface Manifest {
  /** Container path. */
  abs: string;
  /** Context path. */
  path: string;
}

const PLAIN = /^[A-Za-z0-9._@+\-/=,:~%]+$/;
const DEST = /^[A-Za-z0-9._@+\-/=,:~%${}]+$/;

function eolBefore(text: string, pos: number): number {
  if (pos === 0 || text[pos - 1] !== '\n') return 0;
  return pos >= 2 && text[pos - 2] === '\r' ? 2 : 1;
}

function lineEnd(text: string, ins: Instruction): number {
  let i = ins.end;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function indentOf(text: string, ins: Instruction): string {
  const s = text.slice(ins.lineStart, ins.start);
  return /^[ \t]*$/.test(s) ? s : '';
}

function flagsText(text: string, ins: Instruction, skip: string[] = []): string {
  const flags = ins.flags.filter((f) => !skip.includes(f.name.toLowerCase())).map((f) => text.slice(f.start, f.end));
  return flags.length ? `${flags.join(' ')} ` : '';
}

/** `COPY` lines that copy these manifests like `op` would (same flags, same destination), each after a line break. */
function manifestText(m: Model, op: CopyOp, files: Manifest[]): string | { problem: string } {
  const groups = new Map<string, string[]>();
  for (const f of files) {
    if (!PLAIN.test(f.path)) return { problem: `the manifest path ${f.path} would need quoting` };
    const dir = dirnameOf(f.abs);
    groups.set(dir, [...(groups.get(dir) ?? []), f.path]);
  }
  if (!DEST.test(op.destRaw)) return { problem: `the destination ${op.destRaw} would need quoting` };
  const base = op.destRaw.endsWith('/') ? op.destRaw : `${op.destRaw}/`;
  const kw = keyword(m.style, 'COPY');
  const flags = flagsText(m.text, op.ins, ['from']);
  const indent = indentOf(m.text, op.ins);
  let out = '';
  for (const [dir, paths] of groups) {
    const rel = relativeTo(dir, op.dest);
    out += `${m.style.eol}${indent}${kw} ${flags}${paths.join(' ')} ${rel ? `${base}${rel}/` : base}`;
  }
  return out;
}

/**
 * When the moved COPY names only files, the manifests copied first are dropped from it (`COPY app.js package.json ./`
 * becomes `COPY app.js ./`), instead of copying them twice. Null when that cannot be done exactly.
 */
function trimEdits(text: string, op: CopyOp, files: Manifest[]): Edit[] | null {
  const ins = op.ins;
  if (ins.json || op.sources.some((s) => s.kind !== 'file') || !(op.destRaw.endsWith('/') || op.destRaw === '.')) return null;
  const args = ins.args;
  const edits: Edit[] = [];
  const drop = new Set<number>();
  for (const f of files) {
    const i = args.findIndex((a, k) => k < args.length - 1 && !drop.has(k) && contextPath(a.value) === f.path);
    if (i < 0) return null;
    drop.add(i);
  }
  if (drop.size >= args.length - 1) return null;
  for (const i of drop) {
    const gap = text.slice(args[i].end, args[i + 1].start);
    if (gap.includes('#')) return null;
    edits.push({ start: args[i].start, end: args[i + 1].start, text: '' });
  }
  return edits;
}

interface Run {
  ops: CopyOp[];
  start: number;
  end: number;
}

function runsOf(text: string, moved: CopyOp[]): Run[] {
  const runs: Run[] = [];
  for (const op of moved) {
    const start = op.ins.lineStart - eolBefore(text, op.ins.lineStart);
    const end = lineEnd(text, op.ins);
    const last = runs[runs.length - 1];
    if (last && last.end === start) {
      last.ops.push(op);
      last.end = end;
    } else runs.push({ ops: [op], start, end });
  }
  return runs;
}

/** The early copy of the install RUN: its text up to `end`, with flags added after the install commands. */
function earlyRun(m: Model, r: Instruction, end: number, flags: Map<ShellCommand, string[]>): string {
  const inserts = [...flags].map(([c, f]) => ({ at: c.node.end, text: ` ${f.join(' ')}` })).sort((a, b) => a.at - b.at);
  let out = '';
  let pos = r.start;
  for (const ins of inserts) {
    out += m.text.slice(pos, ins.at) + ins.text;
    pos = ins.at;
  }
  return `${m.style.eol}${indentOf(m.text, r)}${out}${m.text.slice(pos, end)}`;
}

export function planEdits(m: Model, r: Instruction, moved: CopyOp[], manifests: Map<CopyOp, Manifest[]>, layout: Layout):
  { edits: Edit[]; touches: number[] } | { problem: string } {
  const text = m.text;
  const runs = runsOf(text, moved);
  const manifestOf = (ops: CopyOp[]): string | { problem: string } => {
    let out = '';
    for (const op of ops) {
      const files = manifests.get(op);
      if (!files?.length) continue;
      const t = manifestText(m, op, files);
      if (typeof t !== 'string') return t;
      out += t;
    }
    return out;
  };
  const edits: Edit[] = [];
  const touches = new Set<number>();
  for (const [op, files] of manifests) {
    const trim = files.length ? trimEdits(text, op, files) : null;
    if (trim) {
      edits.push(...trim);
      touches.add(op.ins.index);
    }
  }
  const moveRuns = (list: Run[], to: number) => {
    for (const run of list) {
      edits.push({ start: run.start, end: run.end, to, move: true });
      run.ops.forEach((op) => touches.add(op.ins.index));
    }
  };

  if (layout.mode === 'early') {
    let lastOther: Instruction | null = null;
    for (let i = r.index - 1; i > moved[0].ins.index; i--) {
      if (!moved.some((op) => op.ins.index === i)) {
        lastOther = m.instructions[i];
        break;
      }
    }
    const at = lastOther ? lineEnd(text, lastOther) : runs[0].start;
    const before = lastOther ? runs.filter((x) => x.end <= at) : [];
    const after = runs.filter((x) => !before.includes(x));
    for (const run of before) {
      const t = manifestOf(run.ops);
      if (typeof t !== 'string') return t;
      if (t) edits.push({ start: run.start, end: run.start, text: t });
    }
    const t = manifestOf(after.flatMap((x) => x.ops));
    if (typeof t !== 'string') return t;
    edits.push({ start: at, end: at, text: t + earlyRun(m, r, layout.end, layout.earlyFlags) });
    moveRuns(before, at);
    return { edits, touches: [...touches] };
  }

  for (const run of runs) {
    const t = manifestOf(run.ops);
    if (typeof t !== 'string') return t;
    if (t) edits.push({ start: run.start, end: run.start, text: t });
  }
  if (layout.mode === 'whole') {
    moveRuns(runs, lineEnd(text, r));
    return { edits, touches: [...touches] };
  }
  const gap = text.slice(layout.end, layout.restStart);
  if (/(^|\n)[ \t]*#/.test(gap)) return { problem: 'a comment sits where the RUN would be split' };
  moveRuns(runs, layout.end);
  edits.push({ start: layout.end, end: layout.restStart, text: `${m.style.eol}${indentOf(text, r)}${r.keyword} ${flagsText(text, r)}` });
  touches.add(r.index);
  return { edits, touches: [...touches] };
}
