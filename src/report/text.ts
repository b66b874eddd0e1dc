import type { Transform } from '../transform-types.js';
import type { Colors } from './color.js';
import type { FileReport, Mode, Summary } from './types.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `fixed Dockerfile: 2 fixes (chain-runs)` / `would fix …` for a changed file. */
export function changedLine(r: FileReport, mode: Mode, c: Colors): string {
  const ids = [...new Set(r.fixes.map((f) => f.transform))].join(', ');
  const verb = mode === 'write' ? c.green('fixed') : c.yellow('would fix');
  const side = (r.sideFiles ?? []).map((f) => `${f.before === null ? 'creates' : 'changes'} ${f.path}`);
  return `${verb} ${c.bold(r.path)}: ${plural(r.fixes.length, 'fix', 'fixes')} (${ids})${side.length > 0 ? `; ${side.join(', ')}` : ''}`;
}

/** `path:line: [transform] reason` for a fix a transform could not prove safe. */
export function skipLines(r: FileReport, c: Colors): string[] {
  return r.skipped.map((s) => `${r.path}:${s.line}: ${c.yellow(`[${s.transform}]`)} ${s.reason}`);
}

/** `path:line: [transform] unsafe, not applied: message (reason)` for an unsafe fix left out. */
export function unsafeLines(r: FileReport, c: Colors): string[] {
  return r.unsafe.map((u) => `${r.path}:${u.line}: ${c.yellow(`[${u.transform}]`)} unsafe fix not applied: ${u.message} (${u.reason})`);
}

export function problemLine(r: FileReport, c: Colors): string {
  if (r.internal) {
    return `${c.bold(r.path)}: ${c.red('internal error:')} ${r.error} (the file was left untouched; please report this bug with the Dockerfile)`;
  }
  return `${c.bold(r.path)}: ${c.red('error:')} ${r.error}`;
}

export function noteLine(r: FileReport, c: Colors): string {
  return `${r.path}: ${c.dim(r.note ?? '')}`;
}

/** The closing line on stderr. */
export function summaryLine(s: Summary, mode: Mode, verbose: boolean, c: Colors): string {
  if (s.files === 0) return 'no Dockerfiles found';
  const parts: string[] = [];
  if (mode === 'write') {
    parts.push(`${s.changed} changed`, `${plural(s.fixes, 'fix', 'fixes')} applied`);
  } else {
    parts.push(`${s.changed} would change`, `${plural(s.fixes, 'fix', 'fixes')} to apply`);
  }
  let skipped = `${plural(s.skipped, 'fix', 'fixes')} skipped`;
  if (s.skipped > 0 && !verbose) skipped += ' (--verbose shows why)';
  parts.push(skipped);
  if (s.unsafe > 0) {
    let unsafe = `${plural(s.unsafe, 'unsafe fix', 'unsafe fixes')} not applied (--unsafe-fixes applies them`;
    unsafe += verbose ? ')' : '; --verbose shows them)';
    parts.push(unsafe);
  }
  if (s.errors > 0) parts.push(c.red(`${s.errors} failed`));
  return `${c.bold(plural(s.files, 'file'))} checked: ${parts.join(', ')}`;
}

/** The `--list-transforms` table. */
export function transformsTable(transforms: readonly Transform[]): string {
  const rows = [
    ['ID', 'DEFAULT', 'TIER', 'HADOLINT', 'DESCRIPTION'],
    ...transforms.map((t) => [t.id, t.defaultOn ? 'on' : 'off', t.tier, t.hadolint.join(',') || '-', t.description]),
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]) : cell)).join('  ')).join('\n') + '\n';
}
