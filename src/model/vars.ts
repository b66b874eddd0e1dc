import { InputError } from '../errors.js';

/** Longest text a substitution may make: `ENV A=$A$A` repeated doubles a value each time. */
const MAX_EXPANSION = 1024 * 1024;

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * Docker-style variable substitution (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}`) with known values; a `$`
 * that starts none of these stays as it is. Throws InputError when the result would be over 1 MiB.
 *
 * A scanner, not a regular expression: `\$\{NAME:-[^}]*\}` read the rest of the text again from each `${A:-`
 * that no `}` closes (a line of them took minutes).
 */
export function expandVars(text: string, vars: Record<string, string>): string {
  if (!text.includes('$')) return text;
  let out = '';
  let length = text.length;
  let copied = 0;
  // The next `}` at or after the scan position (-1: none left).
  let close = text.indexOf('}');
  const nameEnd = (from: number) => {
    let i = from;
    if (i < text.length && NAME_START.test(text[i])) {
      i++;
      while (i < text.length && NAME_CHAR.test(text[i])) i++;
    }
    return i;
  };
  for (let at = text.indexOf('$'); at >= 0; at = text.indexOf('$', at + 1)) {
    if (at < copied) continue;
    let value: string;
    let end: number;
    if (text[at + 1] === '{') {
      const n = nameEnd(at + 2);
      if (n === at + 2) continue;
      const name = text.slice(at + 2, n);
      const v = vars[name];
      if (text[n] === '}') {
        value = v ?? '';
        end = n + 1;
      } else {
        const colon = text[n] === ':';
        const op = text[colon ? n + 1 : n];
        if (op !== '-' && op !== '+') continue;
        const wordStart = (colon ? n + 2 : n + 1);
        if (close >= 0 && close < wordStart) close = text.indexOf('}', wordStart);
        if (close < 0) continue;
        const word = text.slice(wordStart, close);
        const set = colon ? v !== undefined && v !== '' : v !== undefined;
        value = op === '-' ? (set ? v! : word) : set ? word : '';
        end = close + 1;
      }
    } else {
      const n = nameEnd(at + 1);
      if (n === at + 1) continue;
      value = vars[text.slice(at + 1, n)] ?? '';
      end = n;
    }
    length += value.length - (end - at);
    if (length > MAX_EXPANSION) throw new InputError('variables expand to over 1 MiB of text (a variable that repeats itself?); not processed');
    out += text.slice(copied, at) + value;
    copied = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Whether the text still refers to a variable after substitution would be needed. */
export function hasVariable(text: string): boolean {
  return /\$(\{[A-Za-z_]|[A-Za-z_])/.test(text);
}

/** An absolute path already normalised: no empty, `.` or `..` segment, no trailing `/` (but `/` itself). */
function isNormal(path: string): boolean {
  return path === '/' || (path.startsWith('/') && !ODD_SEGMENT.test(path));
}
const ODD_SEGMENT = /\/(\.\.?)?(\/|$)/;

/** POSIX-style path join and normalisation for WORKDIR and COPY destinations. */
export function resolvePath(base: string, path: string): string {
  if (!path.startsWith('/') && isNormal(base)) {
    // Only the relative part needs reading: thousands of nested WORKDIRs made this quadratic in their depth.
    let out = base === '/' ? '' : base;
    for (const p of path.split('/')) {
      if (p === '' || p === '.') continue;
      if (p === '..') out = out.slice(0, Math.max(out.lastIndexOf('/'), 0));
      else out += `/${p}`;
    }
    return out || '/';
  }
  const joined = path.startsWith('/') ? path : `${base.replace(/\/+$/, '')}/${path}`;
  const parts: string[] = [];
  for (const p of joined.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}
