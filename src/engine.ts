import { AcceptedEdits, applyEdits, type Edit } from './edits.js';
import { parseDockerfile } from './model/parse.js';
import { ShellCache } from './model/shell.js';
import type { Model } from './model/types.js';
import { verifyPass, VerifyError } from './verify.js';
import type { BuildContext, Fix, Transform, TransformOptions } from '../transforms/types.js';

export const MAX_PASSES = 10;

/** The input cannot be transformed (not a Dockerfile); the file is left alone. */
export class InputError extends Error {
  override name = 'InputError';
}

export interface AppliedFix {
  transform: string;
  message: string;
  /** Line in the text of the pass that applied it (the input's lines for the first pass). */
  line: number;
  pass: number;
}

export interface SkippedFix {
  transform: string;
  reason: string;
  /** Line in the result. */
  line: number;
}

export interface EngineResult {
  output: string;
  changed: boolean;
  fixes: AppliedFix[];
  skipped: SkippedFix[];
  passes: number;
}

export interface EngineOptions {
  transforms: Transform[];
  context?: BuildContext;
  options?: TransformOptions;
}

const NO_CONTEXT: BuildContext = { exists: () => false, readText: () => null };

/** The context with every answer remembered: passes ask again for the same files, and must get the same answers. */
function memoized(context: BuildContext): BuildContext {
  const exists = new Map<string, boolean>();
  const texts = new Map<string, string | null>();
  return {
    exists(path) {
      let v = exists.get(path);
      if (v === undefined) exists.set(path, (v = context.exists(path)));
      return v;
    },
    readText(path) {
      let v = texts.get(path);
      if (v === undefined) texts.set(path, (v = context.readText(path)));
      return v;
    },
  };
}

const BOM = '\uFEFF';

/**
 * Run the transforms to a fixpoint: each pass parses once, collects every transform's fixes, applies those
 * that do not overlap an earlier one (the rest wait for the next pass), and verifies the result.
 * Pure: the same text, context and options give the same result.
 * Throws InputError for text that is not a Dockerfile, VerifyError when a pass breaks an invariant.
 */
export function transformText(input: string, opts: EngineOptions): EngineResult {
  const bom = input.startsWith(BOM);
  let text = bom ? input.slice(1) : input;
  const ctx = { context: opts.context ? memoized(opts.context) : NO_CONTEXT, options: opts.options ?? {} };
  const cache = new ShellCache();
  let model: Model = parseDockerfile(text, cache);
  if (model.stages.length === 0) throw new InputError('no FROM instruction: not a Dockerfile');

  const fixes: AppliedFix[] = [];
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const proposed: Array<{ id: string; fix: Fix }> = [];
    const skipped: SkippedFix[] = [];
    for (const t of opts.transforms) {
      const r = t.run(model, ctx);
      for (const fix of r.fixes) proposed.push({ id: t.id, fix });
      for (const s of r.skips) skipped.push({ transform: t.id, reason: s.reason, line: s.line });
    }
    if (proposed.length === 0) {
      const output = bom ? BOM + text : text;
      return { output, changed: output !== input, fixes, skipped, passes: pass };
    }
    const accepted: Edit[][] = [];
    const occupied = new AcceptedEdits();
    const touched = new Set<number>();
    for (const { id, fix } of proposed) {
      if (fix.edits.length === 0 || occupied.overlaps(fix.edits)) continue;
      occupied.add(fix.edits);
      accepted.push(fix.edits);
      fix.touches.forEach((i) => touched.add(i));
      fixes.push({ transform: id, message: fix.message, line: fix.line, pass });
    }
    const next = applyEdits(text, accepted.flat());
    if (next === text) throw new VerifyError(`pass ${pass}: fixes were proposed but changed nothing`);
    model = verifyPass(model, next, touched, cache);
    text = next;
  }
  throw new VerifyError(`the transforms did not settle after ${MAX_PASSES} passes`);
}
