import type { Instruction, Model } from '../model/types.js';
import { TRANSFORMS } from '../builtins.js';
import type { Fix, Transform } from '../transform-types.js';
import { didYouMean } from '../config/suggest.js';
import { parsePragma, type Pragma } from './pragma.js';

/** A pragma found in the file. */
interface Found {
  pragma: Pragma;
  /** 1-based line of the comment. */
  line: number;
  /** The comment as written, trimmed (`# hadolint ignore=DL3015`). */
  text: string;
}

/** A skip record made by the suppression rules (the engine adds it to the file's skips). */
export interface SuppressionSkip {
  transform: string;
  reason: string;
  line: number;
}

/** What a pragma id names: a transform id, or a hadolint rule id that some transform answers. */
function knownId(id: string): boolean {
  return TRANSFORMS.some((t) => t.id === id || t.hadolint.includes(id));
}

/** Whether a pragma names the transform: one of its hadolint rules, or (docker-codemod's own) its id. */
function names(p: Pragma, t: Transform): boolean {
  return p.ids.some((id) => t.hadolint.includes(id) || (p.tool === 'docker-codemod' && id === t.id));
}

/**
 * The ignore pragmas of one parse of a file. An instruction is governed by the pragmas in the block of comment
 * lines directly above it (no blank line between; hadolint reads only the line right above, a stack of pragmas
 * is read here as its author meant it), a stage by `stage` pragmas above its FROM, the file by `global` ones.
 */
export class Suppressions {
  private readonly comments = new Map<number, Found | null>();
  readonly global: Found[] = [];
  /** Whether any scoped (instruction or stage) pragma is in the file: most files have none. */
  private scoped = false;

  constructor(private readonly model: Model) {
    for (const c of model.comments) {
      const line = model.lineOf(c.start);
      let lineStart = c.start;
      while (lineStart > 0 && model.text[lineStart - 1] !== '\n') lineStart--;
      // A comment line of its own (not text after an instruction on the same line).
      if (!/^[ \t]*$/.test(model.text.slice(lineStart, c.start))) continue;
      const hash = model.text.indexOf('#', c.start);
      const raw = model.text.slice(hash + 1, c.end).replace(/\r$/, '');
      const pragma = parsePragma(raw);
      const found = pragma ? { pragma, line, text: model.text.slice(hash, c.end).trim() } : null;
      this.comments.set(line, found);
      if (found?.pragma.scope === 'global') this.global.push(found);
      else if (found) this.scoped = true;
    }
  }

  /** The pragmas in the comment block directly above an instruction. */
  private above(ins: Instruction): Found[] {
    const out: Found[] = [];
    for (let line = ins.line - 1; this.comments.has(line); line--) {
      const f = this.comments.get(line);
      if (f) out.push(f);
    }
    return out;
  }

  /** The instruction- and stage-scoped pragmas that govern an instruction. */
  private governing(ins: Instruction): Found[] {
    const own = this.above(ins).filter((f) => f.pragma.scope === 'instruction');
    const from = ins.stage?.from;
    const stage = from ? this.above(from).filter((f) => f.pragma.scope === 'stage') : [];
    return [...own, ...stage];
  }

  /** The instruction whose lines hold `line`. */
  private instructionAt(line: number): Instruction | undefined {
    const list = this.model.instructions;
    let lo = 0;
    let hi = list.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].line <= line) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const ins = list[best];
    return ins && line <= this.model.lineOf(ins.end) ? ins : undefined;
  }

  /** Why a fix of `t` is suppressed (a pragma on an instruction it touches or is about), or null. */
  fixSuppressed(t: Transform, fix: Fix): string | null {
    if (!this.scoped) return null;
    const touched = new Set(fix.touches);
    const at = this.instructionAt(fix.line);
    if (at) touched.add(at.index);
    for (const index of [...touched].sort((a, b) => a - b)) {
      const ins = this.model.instructions[index];
      const hit = ins && this.governing(ins).find((f) => names(f.pragma, t));
      if (hit) return `suppressed by "${hit.text}" on line ${hit.line}`;
    }
    return null;
  }

  /** The global pragma that removes `t` from the file, or null. */
  globalFor(t: Transform): Found | null {
    return this.global.find((f) => names(f.pragma, t)) ?? null;
  }

  /** One skip for every id of a docker-codemod pragma that names no transform and no hadolint rule. */
  unknownIds(): SuppressionSkip[] {
    const skips: SuppressionSkip[] = [];
    const ids = TRANSFORMS.map((x) => x.id);
    for (const f of this.comments.values()) {
      if (f?.pragma.tool !== 'docker-codemod') continue;
      for (const id of f.pragma.ids.filter((i) => !knownId(i))) {
        skips.push({
          transform: 'docker-codemod',
          reason: `unknown transform id "${id}"${didYouMean(id, ids)} in "${f.text}" on line ${f.line}; valid ids: ${ids.join(', ')}`,
          line: f.line,
        });
      }
    }
    return skips.sort((a, b) => a.line - b.line);
  }
}

/**
 * The transforms a file's global pragmas leave, with one skip for each one removed, and the skips for unknown
 * ids in docker-codemod pragmas.
 */
export function fileSuppressions(model: Model, transforms: readonly Transform[]): { transforms: Transform[]; skips: SuppressionSkip[] } {
  const s = new Suppressions(model);
  const skips = s.unknownIds();
  const kept: Transform[] = [];
  for (const t of transforms) {
    const g = s.globalFor(t);
    if (g) skips.push({ transform: t.id, reason: `suppressed for the file by "${g.text}" on line ${g.line}`, line: g.line });
    else kept.push(t);
  }
  return { transforms: kept, skips };
}
