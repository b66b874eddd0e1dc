import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { dirnamePath, joinPath, pathKey, type FsPath } from './fs-path.js';

/** Suffix of every temporary file a write makes: how a later run recognises the ones it may remove. */
const SUFFIX = '.docker-codemod.tmp';
/** `.<name>.<pid>.<12 hex>.docker-codemod.tmp`, or without `<name>.` when the name is long. */
const TEMP_NAME = /^\.(?:.*\.)?\d+\.[0-9a-f]{12}\.docker-codemod\.tmp$/s;
/** Longest file name (bytes) that keeps its name in the temporary name: NAME_MAX is 255 on Linux and macOS. */
const MAX_NAMED = 255 - 64;
/** Age past which a temporary file is taken to be left over by a run that was killed. */
export const STALE_TEMP_MS = 60_000;

/** A fresh temporary path beside `file`. */
export function tempPathFor(file: FsPath): FsPath {
  const tag = `${process.pid}.${randomBytes(6).toString('hex')}${SUFFIX}`;
  // A name that is not UTF-8 is left out (the short form is plain ASCII).
  if (typeof file !== 'string') return joinPath(dirnamePath(file), `.${tag}`);
  const name = basename(file);
  return join(dirname(file), Buffer.byteLength(name) <= MAX_NAMED ? `.${name}.${tag}` : `.${tag}`);
}

/** Whether a directory entry is a temporary file of this tool. */
export function isTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}

/** The temporary file being written right now, if any (removed by the signal handler). */
let pending: FsPath | null = null;

export function setPendingTemp(path: FsPath | null): void {
  pending = path;
}

/** Remove the temporary file being written, if any. Safe to call from a signal handler. */
export function removePendingTemp(fs: Pick<typeof nodeFs, 'unlinkSync'> = nodeFs): void {
  if (pending === null) return;
  try {
    fs.unlinkSync(pending);
  } catch {
    // Already renamed or removed.
  }
  pending = null;
}

const swept = new Set<string>();

/**
 * Remove this tool's temporary files older than a minute from `dir` (left by a run that was killed): once per
 * directory per run, regular files only.
 */
export function removeStaleTemps(dir: FsPath, now: number = Date.now()): void {
  const key = pathKey(dir);
  if (swept.has(key)) return;
  swept.add(key);
  let names: string[];
  try {
    names = nodeFs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!isTempName(name)) continue;
    const p = joinPath(dir, name);
    try {
      const st = nodeFs.lstatSync(p);
      if (st.isFile() && now - st.mtimeMs > STALE_TEMP_MS) nodeFs.unlinkSync(p);
    } catch {
      // Gone meanwhile, or not ours to remove.
    }
  }
}
