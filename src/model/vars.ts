import { InputError } from '../errors.js';

/** Longest text a substitution may make: `ENV A=$A$A` repeated doubles a value each time. */
const MAX_EXPANSION = 1024 * 1024;

/**
 * Docker-style variable substitution (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}`) with known values.
 * Throws InputError when the result would be over 1 MiB.
 */
export function expandVars(text: string, vars: Record<string, string>): string {
  let length = text.length;
  return text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? '';
      const value = vars[name];
      let out: string;
      if (op === undefined) out = value ?? '';
      else {
        const set = op.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
        if (op.endsWith('-')) out = set ? value! : word ?? '';
        else out = set ? word ?? '' : '';
      }
      length += out.length;
      if (length > MAX_EXPANSION) throw new InputError('variables expand to over 1 MiB of text (a variable that repeats itself?); not processed');
      return out;
    },
  );
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
