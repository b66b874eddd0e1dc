import type { Edit } from '../../src/edits.js';
import type { Instruction, Model, Stage } from '../../src/model/types.js';
import { hasVariable } from '../../src/model/vars.js';
import { argDeclarations, type ArgDeclaration } from '../shared/arg-words.js';
import { rewriteImage, rulesOf, type RebaseRule } from './rules.js';
import type { Fix, Skip, Transform } from '../../src/transform-types.js';

/** `FROM $BASE`, `FROM ${BASE}`: an image that is one variable, whose ARG default can be rewritten instead. */
const ONE_VARIABLE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/** A reference in the file: its text, its span (quotes excluded), and how a message names it. */
interface Place {
  ins: Instruction;
  image: string;
  start: number;
  end: number;
  what: string;
}

/** The value of a flag (`--from="x"`) or of one of its fields (`from=x` of --mount), quotes removed, with its span. */
function unquoted(text: string, start: number, end: number): { value: string; start: number; end: number } {
  const v = text.slice(start, end);
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return { value: v.slice(1, -1), start: start + 1, end: end - 1 };
  return { value: v, start, end };
}

/** Whether a `--from` value names a stage (by name, or by index) rather than an image. */
function namesStage(m: Model, value: string): boolean {
  const v = value.toLowerCase();
  return m.stages.some((s) => s.name === v || String(s.index) === v);
}

/** The images of `COPY --from=` and `RUN --mount=…,from=…` (stages left out). */
function flagPlaces(m: Model, ins: Instruction): Place[] {
  const out: Place[] = [];
  for (const f of ins.flags) {
    const raw = m.text.slice(f.start, f.end);
    const eq = raw.indexOf('=');
    if (eq < 0) continue;
    const name = f.name.toLowerCase();
    if (name === 'from' && ins.name === 'COPY') {
      const v = unquoted(m.text, f.start + eq + 1, f.end);
      if (!namesStage(m, v.value)) out.push({ ins, image: v.value, start: v.start, end: v.end, what: 'COPY --from=' });
    } else if (name === 'mount' && ins.name === 'RUN') {
      const body = raw.slice(eq + 1);
      if (/["']/.test(body)) continue;
      const field = /(^|,)from=([^,]*)/.exec(body);
      if (!field || field[2] === '' || namesStage(m, field[2])) continue;
      const start = f.start + eq + 1 + field.index + field[1].length + 'from='.length;
      out.push({ ins, image: field[2], start, end: start + field[2].length, what: 'RUN --mount=from=' });
    }
  }
  return out;
}

/** Every use of `$NAME` / `${NAME…}` in the instruction's text. */
function mentions(text: string, name: string): boolean {
  return new RegExp(`\\$(\\{${name}(?![A-Za-z0-9_])|${name}(?![A-Za-z0-9_]))`).test(text);
}

/**
 * Why the default of ARG `name` cannot be rewritten for the image of a FROM, or the declaration to rewrite: it must
 * be declared once before the first FROM, with a plain default, never declared again in a stage (where the build
 * could read it), and be used nowhere but as a FROM image.
 */
function imageArg(m: Model, name: string): ArgDeclaration | string {
  const firstFrom = m.stages[0].from.index;
  const globals: ArgDeclaration[] = [];
  for (const ins of m.instructions) {
    if (ins.name === 'ARG') {
      const decls = argDeclarations(ins, m.text, m.escape);
      if (decls === null) {
        if (mentions(m.text.slice(ins.start, ins.end), name) || new RegExp(`(^|\\s)${name}(=|\\s|$)`).test(m.text.slice(ins.argsStart, ins.argsEnd))) {
          return `ARG ${name} is declared on line ${ins.line} in a form this transform does not edit`;
        }
        continue;
      }
      for (const d of decls) {
        if (d.name !== name) {
          if (d.value !== null && mentions(d.value, name)) return `ARG ${name} is also used on line ${ins.line} (in ARG ${d.name}); changing its default would change more than the base image`;
          continue;
        }
        if (ins.index > firstFrom) return `ARG ${name} is declared again on line ${ins.line}, inside a stage, where the build can read it; changing its default would change more than the base image`;
        globals.push(d);
      }
      continue;
    }
    if (ins.name === 'FROM') {
      // The image may be the variable itself; a flag (--platform=$NAME) or `${NAME}-slim` is another use.
      const word = ins.args[0];
      const image = word ? m.text.slice(word.start, word.end) : '';
      const rest = word ? m.text.slice(ins.start, word.start) + m.text.slice(word.end, ins.end) : m.text.slice(ins.start, ins.end);
      if (mentions(rest, name)) return `ARG ${name} is also used on line ${ins.line} outside the image name; changing its default would change more than the base image`;
      const v = ONE_VARIABLE.exec(image);
      if (mentions(image, name) && (v?.[1] ?? v?.[2]) !== name) {
        return `ARG ${name} is also part of the image ${image} on line ${ins.line}, which the rule does not name`;
      }
      continue;
    }
    // Any other instruction is in a stage, where an ARG of before the first FROM is unset unless declared again
    // (which is refused above): `RUN echo $NAME` does not read it.
  }
  if (globals.length !== 1) return `ARG ${name} is declared ${globals.length} times before the first FROM`;
  const d = globals[0];
  if (d.value === null || !d.literal) return `ARG ${name} on line ${d.ins.line} has no plain default to rewrite`;
  return d;
}

function withNote(message: string, note: string | null): string {
  return note ? `${message} (${note})` : message;
}

/** Rewrite the images of FROM (or the ARG default it names), COPY --from and RUN --mount=from by the rules. */
function rebase(m: Model, rules: RebaseRule[]): { fixes: Fix[]; skips: Skip[] } {
  const fixes: Fix[] = [];
  const skips: Skip[] = [];
  const argsDone = new Set<number>();
  const place = (p: Place) => {
    const r = rewriteImage(p.image, rules);
    if (r.kind === 'skip') skips.push({ reason: r.reason, line: p.ins.line });
    if (r.kind !== 'rewrite') return;
    const edits: Edit[] = [{ start: p.start, end: p.end, text: r.to }];
    fixes.push({ message: withNote(`${p.what}${p.image} → ${r.to}`, r.note), line: p.ins.line, edits, touches: [p.ins.index] });
  };
  const fromImage = (s: Stage) => {
    const word = s.from.args[0];
    if (!word || s.baseStage) return;
    if (!hasVariable(word.value)) {
      if (m.text.slice(word.start, word.end) === word.value) place({ ins: s.from, image: word.value, start: word.start, end: word.end, what: 'FROM ' });
      return;
    }
    if (hasVariable(s.resolvedImage) || s.resolvedImage === '') {
      skips.push({ reason: `the image ${word.value} depends on a variable with no default here, which the rules cannot be matched against`, line: s.from.line });
      return;
    }
    const r = rewriteImage(s.resolvedImage, rules);
    if (r.kind === 'skip') skips.push({ reason: r.reason, line: s.from.line });
    if (r.kind !== 'rewrite') return;
    const v = ONE_VARIABLE.exec(word.value);
    if (!v) {
      skips.push({ reason: `the image ${word.value} (${s.resolvedImage}) is built from variables and text; set the variables' defaults instead (pin-args, --set-arg)`, line: s.from.line });
      return;
    }
    const name = v[1] ?? v[2];
    const d = imageArg(m, name);
    if (typeof d === 'string') {
      skips.push({ reason: `the image ${word.value} (${s.resolvedImage}) would become ${r.to}, but ${d}`, line: s.from.line });
      return;
    }
    if (argsDone.has(d.ins.index)) return;
    argsDone.add(d.ins.index);
    const text = d.quote + r.to + d.quote;
    fixes.push({
      message: withNote(`ARG ${name}=${s.resolvedImage} → ${r.to} (the image of FROM on line ${s.from.line})`, r.note),
      line: d.ins.line,
      edits: [{ start: d.valueStart, end: d.valueEnd, text }],
      touches: [d.ins.index],
    });
  };
  for (const s of m.stages) {
    fromImage(s);
    for (const ins of s.instructions) for (const p of flagPlaces(m, ins)) place(p);
  }
  return { fixes, skips };
}

export const rebaseTransform: Transform = {
  id: 'rebase',
  description: 'Rewrite base images (FROM, COPY --from, RUN --mount=from) by the rules given with --rebase or the config (off unless rules are given)',
  hadolint: [],
  defaultOn: false,
  // The edit is the one the user's rule asks for, and changes nothing else (see README, "Base-image migration").
  tier: 'safe',
  run(m, ctx) {
    const texts = ctx.options.rebase ?? [];
    if (texts.length === 0) return { fixes: [], skips: [] };
    return rebase(m, rulesOf(texts));
  },
};
