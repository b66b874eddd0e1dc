import { lstatSync, realpathSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import { MAX_SIDE_FILE_BYTES, readLimited } from '../runner/read-limited.js';
import { ConfigError } from './settings.js';

/** Whether something (a file, a directory, a symlink, even a broken one) is at this path. */
export function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a config file found by searching upward stays inside the tree searched (`root`): a symlink that leads out
 * of the repository (a `package.json` linked to `/etc/shadow`) is not the repository's config and is never read.
 */
export function insideRoot(path: string, root: string): boolean {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return false;
  }
  const rel = relative(realpathSync(root), real);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The text of a config file, read as every side file is: only a regular file (never a FIFO or a device), at most
 * a few MiB, checked while reading. Throws ConfigError naming the file, never quoting it.
 */
export function readConfigText(path: string, display: string): string {
  const r = readLimited(path, MAX_SIDE_FILE_BYTES);
  if (r.ok) return r.bytes.toString('utf8');
  if (r.reason === 'not-file') throw new ConfigError(`${display}: not a regular file`);
  if (r.reason === 'too-large') throw new ConfigError(`${display}: over the ${MAX_SIDE_FILE_BYTES / (1024 * 1024)} MiB limit for config files`);
  const code = (r.error as NodeJS.ErrnoException)?.code;
  throw new ConfigError(`${display}: cannot be read${code ? ` (${code})` : ''}`);
}

/**
 * Why a text is not JSON, without quoting it (the text may not be a config at all): the parser's reason and where,
 * when it gives them.
 */
export function jsonProblem(e: unknown, text: string): string {
  const m = /^(Expected [^"'`]*?|Unexpected end of JSON input)(?: in JSON)?(?: at position (\d+))?(?: \(line \d+ column \d+\))?$/.exec((e as Error)?.message ?? '');
  if (!m) {
    // `Unexpected token 'x', "…the text…" is not valid JSON`: the character alone, not the text around it.
    const token = /^Unexpected token '(.)'/u.exec((e as Error)?.message ?? '');
    return token ? `not valid JSON: unexpected ${JSON.stringify(token[1])}` : 'not valid JSON';
  }
  const reason = m[1].replace(/ of JSON input$/, ' of the text');
  if (m[2] === undefined) return `not valid JSON: ${reason}`;
  const before = text.slice(0, Number(m[2]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `not valid JSON: ${reason} (line ${line}, column ${column})`;
}
