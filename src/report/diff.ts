import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { Colors } from './color.js';

/**
 * A unified diff from `a/<path>` to `b/<path>` that `git apply` and `patch -p1` accept, byte for byte:
 * CRLF lines, a missing final newline and a BOM all come through.
 */
export function unifiedDiff(path: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, {
    headerOptions: FILE_HEADERS_ONLY,
  });
}

/** Color a unified diff for a terminal (headers bold, hunks cyan, removals red, additions green). */
export function colorDiff(patch: string, c: Colors): string {
  if (!c.enabled) return patch;
  return patch
    .split('\n')
    .map((line) => {
      const cr = line.endsWith('\r') ? '\r' : '';
      const body = cr ? line.slice(0, -1) : line;
      if (body.startsWith('--- ') || body.startsWith('+++ ')) return c.bold(body) + cr;
      if (body.startsWith('@@')) return c.cyan(body) + cr;
      if (body.startsWith('-')) return c.red(body) + cr;
      if (body.startsWith('+')) return c.green(body) + cr;
      if (body.startsWith('\\')) return c.dim(body) + cr;
      return line;
    })
    .join('\n');
}
