import type { AppliedFix, SkippedFix, UnsafeFix } from '../engine.js';

export type Mode = 'write' | 'dry-run' | 'check';

/** What the reporters know about one file. */
export interface FileReport {
  /** Display path (relative to cwd, forward slashes), or `<stdin>`. */
  path: string;
  changed: boolean;
  fixes: AppliedFix[];
  skipped: SkippedFix[];
  /** Unsafe fixes not applied (`--unsafe-fixes` applies them). */
  unsafe: UnsafeFix[];
  /** Why the file could not be processed. */
  error?: string;
  /** The error is a bug in the tool, not a problem with the file. */
  internal?: boolean;
  /** Nothing done, not a failure (empty or binary file). */
  note?: string;
  /** The unified diff (dry-run; empty when unchanged). */
  diff?: string;
  /** The resulting text (stdin in write mode with --format json). */
  output?: string;
  /** Context files the fixes create (`before` null) or rewrite; `path` is a display path like `path`'s. */
  sideFiles?: Array<{ path: string; before: string | null; after: string }>;
  /** The text read and the text it became, for reporters that describe the change (SARIF); set when changed. */
  texts?: { input: string; output: string };
}

/** Counts for one transform over a run. */
export interface TransformCounts {
  /** Fixes applied (or, with --check / --dry-run, to apply). */
  fixes: number;
  /** Unsafe fixes not applied. */
  unsafe: number;
  skipped: number;
}

export interface Summary {
  files: number;
  changed: number;
  fixes: number;
  skipped: number;
  /** Unsafe fixes not applied. */
  unsafe: number;
  errors: number;
  /** The same counts per transform id, for the transforms that reported anything. */
  byTransform: Record<string, TransformCounts>;
}

export function emptySummary(): Summary {
  return { files: 0, changed: 0, fixes: 0, skipped: 0, unsafe: 0, errors: 0, byTransform: {} };
}

function countsOf(s: Summary, id: string): TransformCounts {
  return (s.byTransform[id] ??= { fixes: 0, unsafe: 0, skipped: 0 });
}

/** Count one file's report into a summary. */
export function tally(s: Summary, r: FileReport): void {
  s.files++;
  if (r.changed) s.changed++;
  s.fixes += r.changed ? r.fixes.length : 0;
  s.skipped += r.skipped.length;
  s.unsafe += r.unsafe.length;
  if (r.error !== undefined) s.errors++;
  if (r.changed) for (const f of r.fixes) countsOf(s, f.transform).fixes++;
  for (const u of r.unsafe) countsOf(s, u.transform).unsafe++;
  for (const k of r.skipped) countsOf(s, k.transform).skipped++;
}

export function summarize(reports: readonly FileReport[]): Summary {
  const s = emptySummary();
  for (const r of reports) tally(s, r);
  return s;
}
