import { dirname, join, sep } from 'node:path';
import { escapeBytes } from '../report/escape.js';

/**
 * A path as the file system holds it. A string when it is UTF-8 (nearly always); the bytes when it is not: Node turns
 * undecodable bytes of a string path into U+FFFD, which names a different (missing) file.
 */
export type FsPath = string | Buffer;

const strict = new TextDecoder('utf-8', { fatal: true });

/** A directory entry's name: a string when it is UTF-8, else its bytes. */
export function entryName(raw: Buffer): FsPath {
  try {
    return strict.decode(raw);
  } catch {
    return raw;
  }
}

/** `dir/name`, as bytes when either part is. */
export function joinPath(dir: FsPath, name: FsPath): FsPath {
  if (typeof dir === 'string' && typeof name === 'string') return join(dir, name);
  const d = Buffer.from(dir);
  const needsSep = d.length > 0 && d[d.length - 1] !== 0x2f;
  return Buffer.concat([d, ...(needsSep ? [Buffer.from(sep)] : []), Buffer.from(name)]);
}

/** The parent directory. */
export function dirnamePath(p: FsPath): FsPath {
  if (typeof p === 'string') return dirname(p);
  const i = p.lastIndexOf(0x2f);
  return i <= 0 ? Buffer.from(i === 0 ? '/' : '.') : p.subarray(0, i);
}

/** The path as text for matching rules (undecodable bytes become U+FFFD): never for file-system calls. */
export function lossy(p: FsPath): string {
  return typeof p === 'string' ? p : p.toString('utf8');
}

/** The path as messages show it (undecodable bytes as \xNN). */
export function shown(p: FsPath): string {
  return typeof p === 'string' ? p : escapeBytes(p);
}

/** A key that tells paths apart exactly (for sets and maps). */
export function pathKey(p: FsPath): string {
  return typeof p === 'string' ? `s${p}` : `b${p.toString('latin1')}`;
}

/** Whether `p` is `root` or lies under it (`root` ends with a separator). */
export function underRoot(p: FsPath, root: string): boolean {
  if (typeof p === 'string') return p.startsWith(root) || p + sep === root;
  const r = Buffer.from(root);
  return (p.length >= r.length && p.subarray(0, r.length).equals(r)) || Buffer.concat([p, Buffer.from(sep)]).equals(r);
}
