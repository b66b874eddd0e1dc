import { InputColumns } from './columns.js';
import { AcceptedEdits, applyEditsWithLines, type Edit } from './edits.js';
import { parseDockerfile } from './model/parse.js';
import { ShellCache } from './model/shell.js';
import type { Model } from './model/types.js';
import { UnaccountedChange, verifyPass, VerifyError } from './verify.js';
import { fileSuppressions, Suppressions } from './suppress/suppressions.js';
import { transformThrew, undeclaredChange, type OwnedFix } from './plugins/errors.js';
import { TRANSFORMS } from './builtins.js';
import type { BuildContext, Fix, SideFile, Tier, Transform, TransformOptions } from './transform-types.js';
import { PendingFiles } from './side-files.js';

export const MAX_PASSES = 10;

import { InputError } from './errors.js';

export { InputError };

export interface AppliedFix {
  transform: string;
  message: string;
  tier: Tier;
  /** Line of the input (for a fix of a later pass, the input line its line came from). */
  line: number;
  /** 1-based column of the fix's first edit on that line (1 when it cannot be told for a later pass). */
  column: number;
  pass: number;
  /** Context-relative paths of the files (besides the Dockerfile) the fix creates or rewrites. */
  files?: string[];
}

export interface SkippedFix {
  transform: string;
  reason: string;
  /** Line of the input. */
  line: number;
}

/** An unsafe fix left out because unsafe fixes were not asked for. */
export interface UnsafeFix {
  transform: string;
  message: string;
  /** Why it may change behaviour. */
  reason: string;
  /** Line of the input. */
  line: number;
  /** 1-based column of the fix's first edit on that line, as for AppliedFix. */
  column: number;
}

export interface EngineResult {
  output: string;
  /** The Dockerfile's text changed, or a fix creates or rewrites a context file (`sideFiles`). */
  changed: boolean;
  /** Context files the fixes create (`before` null) or rewrite, as they end up; the caller writes them. */
  sideFiles: SideFile[];
  fixes: AppliedFix[];
  skipped: SkippedFix[];
  /** Unsafe fixes not applied (empty when unsafe fixes were applied). */
  unsafe: UnsafeFix[];
  passes: number;
}

export interface EngineOptions {
  transforms: Transform[];
  context?: BuildContext;
  options?: TransformOptions;
  /** The Dockerfile's own ignore file (TransformContext.dockerfileIgnore). */
  dockerfileIgnore?: string;
}

const NO_CONTEXT: BuildContext = { exists: () => false, readText: () => null };

/** The context with every answer remembered: passes ask again for the same files, and must get the same answers. */
function memoized(context: BuildContext): BuildContext {
  const exists = new Map<string, boolean>();
  const texts = new Map<string, string | null>();
  const lists = new Map<string, string[] | null>();
  return {
    list(dir) {
      let v = lists.get(dir);
      if (v === undefined) lists.set(dir, (v = context.list?.(dir) ?? null));
      return v;
    },
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

/** `line 7`, `lines 3 and 9`, `lines 3, 5, and 9` in a message: line numbers of the text the message was made on. */
const LINE_REFS = /\b(lines? )(\d+(?:(?:,? and |, )\d+)*)/g;

/** A message of a later pass with the line numbers it names turned into the input's. */
function inputLines(message: string, toInput: (line: number) => number): string {
  return message.replace(LINE_REFS, (_, word: string, list: string) => word + list.replace(/\d+/g, (n) => String(toInput(Number(n)))));
}

/**
 * Run the transforms to a fixpoint: each pass parses once, collects every transform's fixes, applies those
 * that do not overlap an earlier one (the rest wait for the next pass), and verifies the result.
 * Pure: the same text, context and options give the same result.
 * Throws InputError for text that is not a Dockerfile, VerifyError when a pass breaks an invariant.
 */
export function transformText(input: string, opts: EngineOptions): EngineResult {
  const bom = input.startsWith(BOM);
  let text = bom ? input.slice(1) : input;
  const base = opts.context ? memoized(opts.context) : NO_CONTEXT;
  const pending = new PendingFiles();
  const ctx = { context: pending.overlay(base), options: opts.options ?? {}, dockerfileIgnore: opts.dockerfileIgnore };
  const applyUnsafe = ctx.options.unsafeFixes === true;
  const cache = new ShellCache();
  let model: Model = parseDockerfile(text, cache);
  if (model.stages.length === 0) throw new InputError('no FROM instruction: not a Dockerfile');
  // Ignore pragmas: a global one removes a transform from the file; one above an instruction drops the fixes on it.
  const file = fileSuppressions(model, opts.transforms);

  const fixes: AppliedFix[] = [];
  const columns = new InputColumns(text);
  // Maps a line of the current pass's text to the input line it came from: one step per pass applied.
  let toInput = (line: number) => line;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const mapLines = (message: string) => (pass === 1 ? message : inputLines(message, toInput));
    const proposed: Array<{ t: Transform; fix: Fix; tier: Tier }> = [];
    const skipped: SkippedFix[] = [];
    const unsafe: UnsafeFix[] = [];
    const pragmas = new Suppressions(model);
    for (const t of file.transforms) {
      let r;
      try {
        r = t.run(model, ctx);
      } catch (err) {
        throw transformThrew(t.id, err, TRANSFORMS.includes(t));
      }
      for (const fix of r.fixes) {
        const tier = fix.tier ?? t.tier;
        const suppressed = pragmas.fixSuppressed(t, fix);
        if (suppressed) {
          skipped.push({ transform: t.id, reason: mapLines(suppressed), line: toInput(fix.line) });
        } else if (tier === 'unsafe' && !applyUnsafe) {
          const reason = fix.unsafeReason ?? t.unsafeReason ?? 'may change what the image does';
          const line = toInput(fix.line);
          const column = columns.column(text, pass, fix.line, line, fix.edits);
          unsafe.push({ transform: t.id, message: mapLines(fix.message), reason: mapLines(reason), line, column });
        } else {
          proposed.push({ t, fix, tier });
        }
      }
      for (const s of r.skips) skipped.push({ transform: t.id, reason: mapLines(s.reason), line: toInput(s.line) });
    }
    if (proposed.length === 0) {
      const output = bom ? BOM + text : text;
      const sideFiles = pending.result();
      const changed = output !== input || sideFiles.length > 0;
      return { output, changed, sideFiles, fixes, skipped: [...file.skips, ...skipped], unsafe, passes: pass };
    }
    const accepted: Edit[][] = [];
    const occupied = new AcceptedEdits();
    const touched = new Set<number>();
    const owned: OwnedFix[] = [];
    const filesOfPass = new Set<string>();
    for (const { t, fix, tier } of proposed) {
      const files = fix.files ?? [];
      if (fix.edits.length === 0 && files.length === 0) continue;
      if (occupied.overlaps(fix.edits) || pending.claimed(files, filesOfPass)) continue;
      occupied.add(fix.edits);
      pending.add(files, filesOfPass);
      accepted.push(fix.edits);
      fix.touches.forEach((i) => touched.add(i));
      owned.push({ id: t.id, edits: fix.edits, builtin: TRANSFORMS.includes(t) });
      const line = toInput(fix.line);
      const column = columns.column(text, pass, fix.line, line, fix.edits);
      const applied: AppliedFix = { transform: t.id, message: mapLines(fix.message), tier, line, column, pass };
      if (files.length > 0) applied.files = files.map((f) => f.path);
      fixes.push(applied);
    }
    // A pass whose fixes only write context files leaves the text (and its model) as it was.
    if (accepted.flat().length === 0) continue;
    const next = applyEditsWithLines(text, accepted.flat());
    if (next.text === text) throw new VerifyError(`pass ${pass}: fixes were proposed but changed nothing`);
    try {
      model = verifyPass(model, next.text, touched, cache);
    } catch (err) {
      throw err instanceof UnaccountedChange ? undeclaredChange(model, err, owned, toInput) : err;
    }
    text = next.text;
    const before = toInput;
    toInput = (line) => before(next.origin(line));
  }
  throw new VerifyError(`the transforms did not settle after ${MAX_PASSES} passes`);
}
