/** Docker-style variable substitution (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}`) with known values. */
export function expandVars(text: string, vars: Record<string, string>): string {
  return text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? '';
      const value = vars[name];
      if (op === undefined) return value ?? '';
      const set = op.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
      if (op.endsWith('-')) return set ? value! : word ?? '';
      return set ? word ?? '' : '';
    },
  );
}

/** Whether the text still refers to a variable after substitution would be needed. */
export function hasVariable(text: string): boolean {
  return /\$(\{[A-Za-z_]|[A-Za-z_])/.test(text);
}

/** POSIX-style path join and normalisation for WORKDIR and COPY destinations. */
export function resolvePath(base: string, path: string): string {
  const joined = path.startsWith('/') ? path : `${base.replace(/\/+$/, '')}/${path}`;
  const parts: string[] = [];
  for (const p of joined.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}
