import * as nodeFs from 'node:fs';
import { dirnamePath, pathKey, type FsPath } from './fs-path.js';
import type { ReadStamp } from './process.js';
import { removeStaleTemps, setPendingTemp, tempPathFor } from './temp-files.js';
import { extendedAttributes } from './xattrs.js';

/** The file-system calls a write makes (replaceable in tests to simulate failures). */
export interface WriteFs {
  realpathSync: (p: string) => string;
  statSync: (p: FsPath) => nodeFs.Stats;
  writeFileSync: (p: FsPath, data: string, opts: { flag: string; mode: number }) => void;
  chmodSync: (p: FsPath, mode: number) => void;
  chownSync: (p: FsPath, uid: number, gid: number) => void;
  renameSync: (from: FsPath, to: FsPath) => void;
  unlinkSync: (p: FsPath) => void;
}

/** A write refused before anything was touched; the message says why. */
export class WriteRefused extends Error {}

/** How a file was replaced. */
export type WriteHow = 'renamed' | 'in place (hard links)' | 'in place (extended attributes)';

/** Flush a file or directory to disk; where the platform cannot (a directory on some systems), do nothing. */
export function fsyncPath(path: FsPath, flags: number): void {
  let fd: number;
  try {
    fd = nodeFs.openSync(path, flags);
  } catch {
    return;
  }
  try {
    nodeFs.fsyncSync(fd);
  } catch {
    // EINVAL/EISDIR/EPERM: not supported here.
  } finally {
    nodeFs.closeSync(fd);
  }
}

/** Directories whose flush is left to `flushDirectories` (a run writing many files in one directory flushes it once). */
let deferred: Map<string, FsPath> | null = null;

/**
 * Flush each directory once, at the end of a run, instead of after each rename in it. Sound: a temporary file is
 * flushed before its rename, so after a crash each file holds its old or its new content; the directory flush only
 * makes the rename itself durable.
 */
export function deferDirectoryFlushes(): void {
  deferred ??= new Map();
}

/** Flush the directories renames were made in since `deferDirectoryFlushes`. */
export function flushDirectories(): void {
  if (!deferred) return;
  for (const dir of deferred.values()) fsyncPath(dir, nodeFs.constants.O_RDONLY | (nodeFs.constants.O_DIRECTORY ?? 0));
  deferred.clear();
}

/** Overwrite a file's bytes in place (the inode, its links, ACLs and attributes stay), then flush it. */
function writeInPlace(real: FsPath, text: string): void {
  const data = Buffer.from(text, 'utf8');
  const fd = nodeFs.openSync(real, nodeFs.constants.O_WRONLY | (nodeFs.constants.O_NOFOLLOW ?? 0));
  try {
    let off = 0;
    while (off < data.length) off += nodeFs.writeSync(fd, data, off, data.length - off, off);
    nodeFs.ftruncateSync(fd, data.length);
    nodeFs.fsyncSync(fd);
  } finally {
    nodeFs.closeSync(fd);
  }
}

/**
 * Replace a file's content. Normally atomically: a temporary file in the same directory with the same mode (and
 * owner, when allowed) is written and flushed, then renamed over the file, and the directory flushed. A file with
 * more than one hard link, or with extended attributes or ACLs (which a new file would not carry), is written in
 * place instead, so that its links and attributes stay. A symlink is written through (its target is replaced, the
 * link stays). Refused (WriteRefused) when the file itself is not writable, or, with `expect`, when it changed
 * since it was read. When anything fails the original is left as it was and the temporary file removed.
 */
export function atomicWrite(path: FsPath, text: string, expect?: ReadStamp, fs: WriteFs = nodeFs): WriteHow {
  // A path that is not UTF-8 stays bytes.
  const real: FsPath = typeof path === 'string' ? fs.realpathSync(path) : nodeFs.realpathSync.native(path, { encoding: 'buffer' });
  const st = fs.statSync(real);
  if (expect && (st.size !== expect.size || st.mtimeMs !== expect.mtimeMs)) {
    throw new WriteRefused('the file changed while it was being processed; not written');
  }
  try {
    nodeFs.accessSync(real, nodeFs.constants.W_OK);
  } catch {
    throw new WriteRefused('not writable (no write permission on the file); not written');
  }
  const dir = dirnamePath(real);
  removeStaleTemps(dir);
  if (st.nlink > 1) {
    writeInPlace(real, text);
    return 'in place (hard links)';
  }
  if ((extendedAttributes(real)?.length ?? 0) > 0) {
    writeInPlace(real, text);
    return 'in place (extended attributes)';
  }
  const mode = st.mode & 0o7777;
  const tmp = tempPathFor(real);
  try {
    setPendingTemp(tmp);
    fs.writeFileSync(tmp, text, { flag: 'wx', mode: 0o600 });
    // Flushed while still ours and readable (the mode set below may forbid reading it).
    fsyncPath(tmp, nodeFs.constants.O_RDONLY);
    if (typeof process.getuid === 'function' && (st.uid !== process.getuid() || st.gid !== process.getgid?.())) {
      try {
        fs.chownSync(tmp, st.uid, st.gid);
      } catch {
        // Not permitted (not root): the file gets the writer's owner, as any editor would leave it.
      }
    }
    // The mode given to open is masked by the umask: set it explicitly (after chown, which clears set-id bits).
    fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, real);
    setPendingTemp(null);
    if (deferred) deferred.set(pathKey(dir), dir);
    else fsyncPath(dir, nodeFs.constants.O_RDONLY | (nodeFs.constants.O_DIRECTORY ?? 0));
  } catch (err) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // Never created, or already gone.
    }
    setPendingTemp(null);
    throw err;
  }
  return 'renamed';
}
