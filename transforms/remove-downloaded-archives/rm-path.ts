import type { Word } from '../../src/model/types.js';
import { namedVars, unquoted, type Download } from './downloads.js';

/** A word naming the archive, as the author wrote it, and the directory a relative one is relative to. */
export interface WrittenName {
  raw: string;
  /** Whether the word names an absolute path (with the model's ARG/ENV values). */
  absolute: boolean;
  cwd: string;
}

/**
 * The word the author wrote for the archive: the download's `-o`/`-O` argument, else the argument of the command
 * that unpacks it (when it is one plain or double-quoted word using no variable the download's path does not use,
 * so the RUN changes none of them). Null when there is none and the name has to be computed (wget's remote name).
 */
export function writtenName(dl: Download, dlCwd: string, extractWord: Word, extractValue: string, extractCwd: string): WrittenName | null {
  if (dl.written !== null) return { raw: dl.written, absolute: dl.path.startsWith('/'), cwd: dlCwd };
  const raw = extractWord.raw;
  if (raw.startsWith('-') || unquoted(raw) === null || !namedVars(raw).every((v) => dl.vars.includes(v))) return null;
  return { raw, absolute: extractValue.startsWith('/'), cwd: extractCwd };
}

/**
 * The rm's path for an archive: the author's word itself when it means the same file where the rm runs (an
 * absolute path, or a relative one when the RUN ends in the directory it was written in), else that word after the
 * directory; the computed name (quoted when it uses variables) when the author wrote none.
 */
export function rmPath(dl: Download, cwd: string, name: WrittenName | null, endCwd: string | null, cdAfter: boolean): string {
  const dir = (d: string) => (d === '/' ? '' : d);
  if (name && !name.raw.startsWith('~')) {
    if (name.absolute || (!cdAfter && endCwd === name.cwd)) return name.raw;
    return `${dir(name.cwd)}/${name.raw.replace(/^\.\/+/, '')}`;
  }
  if (dl.path.startsWith('/') || (!cdAfter && endCwd === cwd)) return dl.shellText;
  return `${dir(cwd)}/${dl.shellText}`;
}
