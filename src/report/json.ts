import type { Transform } from '../transform-types.js';
import type { FileReport, Mode, Summary } from './types.js';

/** The `--format json` document: one per run, on stdout. */
export function jsonReport(reports: readonly FileReport[], summary: Summary, mode: Mode): string {
  const files = reports.map((r) => {
    const f: Record<string, unknown> = {
      path: r.path,
      changed: r.changed,
      fixes: r.fixes.map((x) => ({
        transform: x.transform,
        message: x.message,
        line: x.line,
        column: x.column,
        tier: x.tier,
        applied: r.changed,
        ...(x.files ? { files: x.files } : {}),
      })),
      unsafe: r.unsafe.map((x) => ({
        transform: x.transform,
        message: x.message,
        line: x.line,
        column: x.column,
        tier: 'unsafe',
        applied: false,
        reason: x.reason,
      })),
      skipped: r.skipped.map((x) => ({ transform: x.transform, reason: x.reason, line: x.line })),
    };
    if (r.error !== undefined) f.error = r.internal ? `internal error: ${r.error}` : r.error;
    if (r.note !== undefined) f.note = r.note;
    if (r.sideFiles?.length) f.sideFiles = r.sideFiles.map((x) => ({ path: x.path, created: x.before === null, text: x.after }));
    if (r.diff !== undefined) f.diff = r.diff;
    if (r.output !== undefined) f.output = r.output;
    return f;
  });
  return JSON.stringify({ mode, files, summary }, null, 2) + '\n';
}

export function transformsJson(transforms: readonly Transform[]): string {
  const list = transforms.map((t) => ({
    id: t.id,
    description: t.description,
    hadolint: t.hadolint,
    defaultOn: t.defaultOn,
    tier: t.tier,
  }));
  return JSON.stringify(list, null, 2) + '\n';
}
