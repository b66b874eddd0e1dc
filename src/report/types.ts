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
}

export interface Summary {
  files: number;
  changed: number;
  fixes: number;
  skipped: number;
  /** Unsafe fixes not applied. */
  unsafe: number;
  errors: number;
}

export function emptySummary(): Summary {
  return { files: 0, changed: 0, fixes: 0, skipped: 0, unsafe: 0, errors: 0 };
}

/** Count one file's report into a summary. */
export function tally(s: Summary, r: FileReport): void {
  s.files++;
  if (r.changed) s.changed++;
  s.fixes += r.changed ? r.fixes.length : 0;
  s.skipped += r.skipped.length;
  s.unsafe += r.unsafe.length;
  if (r.error !== undefined) s.errors++;
}

export function summarize(reports: readonly FileReport[]): Summary {
  const s = emptySummary();
  for (const r of reports) tally(s, r);
  return s;
}
