import type { FileReport } from './types.js';

/** Escape the message of a workflow command (GitHub's `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a property value of a workflow command (GitHub's `escapeProperty`): also `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(kind: 'error' | 'warning' | 'notice', props: Record<string, string | number>, message: string): string {
  const list = Object.entries(props)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${kind} ${list}::${escapeData(message)}\n`;
}

/**
 * `--format github`: one GitHub Actions annotation per fix: `::warning` for a fix applied (or that --check /
 * --dry-run would apply), `::notice` for an unsafe fix left out, `::error` for a file that could not be processed.
 */
export function githubAnnotations(r: FileReport): string {
  let out = '';
  if (r.error !== undefined) out += command('error', { file: r.path, title: 'docker-codemod' }, r.internal ? `internal error: ${r.error}` : r.error);
  if (r.changed) {
    for (const f of r.fixes) out += command('warning', { file: r.path, line: f.line, col: f.column, title: f.transform }, f.message);
  }
  for (const u of r.unsafe) {
    const message = `${u.message} (unsafe fix, not applied: ${u.reason}; --unsafe-fixes applies it)`;
    out += command('notice', { file: r.path, line: u.line, col: u.column, title: u.transform }, message);
  }
  return out;
}
