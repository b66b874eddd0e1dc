import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

/**
 * A diff header's file name as both `git apply` and `patch -p1` read it back: a name with control characters, `"`
 * or `\` is C-quoted (as git writes it); a name with white space gets a trailing tab (as GNU diff writes it),
 * without which `patch` cuts the name at the first space. Other names (UTF-8 included) are written as they are.
 */
export function diffHeaderLine(prefix: 'a/' | 'b/', path: string | Buffer): string {
  if (typeof path !== 'string') return bytesQuote(Buffer.concat([Buffer.from(prefix), path]));
  const name = prefix + path;
  if (/[\0-\x1f\x7f"\\]/.test(name)) return cQuote(name);
  return /\s/.test(name) ? `${name}\t` : name;
}

const C_ESCAPES: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '"': '\\"', '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

/** `"…"` with C escapes, other control characters as three-digit octal: git's quoting of unusual names. */
function cQuote(name: string): string {
  return `"${name.replace(/[\0-\x1f\x7f"\\]/g, (ch) => C_ESCAPES[ch] ?? `\\${ch.charCodeAt(0).toString(8).padStart(3, '0')}`)}"`;
}

/** Bytes (a name that is not UTF-8) C-quoted: printable ASCII as it is, every other byte in octal, as git writes them. */
function bytesQuote(bytes: Buffer): string {
  let out = '"';
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    out += b >= 0x20 && b < 0x7f ? (ch === '"' || ch === '\\' ? `\\${ch}` : ch) : (C_ESCAPES[ch] ?? `\\${b.toString(8).padStart(3, '0')}`);
  }
  return out + '"';
}

/** The nearest directory at or above `dir` holding `.git`, or null. */
function repositoryRoot(dir: string): string | null {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return null;
  }
}

/**
 * The path a diff names a file by. Neither `git apply` nor `patch` accepts `..` in a path: a file outside the current
 * directory is named relative to its repository's root (as `git diff` names it), or, outside any repository,
 * by its absolute path without the leading `/` (to apply from `/`). `display` is relative to cwd, `abs` absolute.
 */
export function diffPath(display: string | Buffer, abs: string | Buffer): { path: string | Buffer; outside: boolean } {
  const text = typeof display === 'string' ? display : display.toString('latin1');
  if (text !== '..' && !text.startsWith('../') && !isAbsolute(text)) return { path: display, outside: false };
  // Bytes (not UTF-8): the absolute path from /.
  if (typeof abs !== 'string') return { path: abs.subarray(abs[0] === 0x2f ? 1 : 0), outside: true };
  const repo = repositoryRoot(dirname(abs));
  const rel = repo ? relative(repo, abs) : abs.replace(/^\/+/, '');
  return { path: sep === '/' ? rel : rel.split(sep).join('/'), outside: true };
}
