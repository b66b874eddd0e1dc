import * as nodeFs from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { SideFile } from '../transform-types.js';
import { setPendingTemp, tempPathFor } from './temp-files.js';
import { atomicWrite, fsyncPath, WriteRefused } from './write.js';

/** Flush a file to disk where the platform can. */
const fsyncFile = (path: string) => fsyncPath(path, nodeFs.constants.O_RDONLY);

/**
 * Create `path` with `text`, never replacing what is there: a temporary file beside it is written and flushed, then
 * hard-linked to the name (which fails when the name exists, even as a dangling link) and removed. Where hard links
 * are not supported, the file is created exclusively and written.
 */
function createExclusive(path: string, text: string): void {
  const tmp = tempPathFor(path) as string;
  try {
    setPendingTemp(tmp);
    // Mode 0666 less the umask, as any new file.
    nodeFs.writeFileSync(tmp, text, { flag: 'wx', mode: 0o666 });
    fsyncFile(tmp);
    try {
      nodeFs.linkSync(tmp, path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new WriteRefused('it was created meanwhile; not overwritten');
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err;
      nodeFs.writeFileSync(path, text, { flag: 'wx', mode: 0o666 });
    }
  } finally {
    try {
      nodeFs.unlinkSync(tmp);
    } catch {
      // Never created.
    }
    setPendingTemp(null);
  }
}

/**
 * Write a context file a fix creates or rewrites, with the Dockerfile's write safety and stricter: the file must
 * stay inside the context directory (its directory resolved), a symbolic link is never written through, a file
 * to create must still be missing, and a file to rewrite must still hold the text the fix was made from.
 * Throws WriteRefused (nothing touched) or the system error.
 */
export function writeSideFile(contextDir: string, file: SideFile): void {
  const root = nodeFs.realpathSync(contextDir);
  const parent = nodeFs.realpathSync(dirname(join(root, file.path)));
  if (parent !== root && !parent.startsWith(root.endsWith(sep) ? root : root + sep)) {
    throw new WriteRefused('it is outside the build context; not written');
  }
  const target = join(parent, basename(file.path));
  const st = nodeFs.lstatSync(target, { throwIfNoEntry: false });
  if (st?.isSymbolicLink()) throw new WriteRefused('it is a symbolic link, which is not written through; not written');
  if (file.before === null) {
    if (st) throw new WriteRefused('it was created meanwhile; not overwritten');
    createExclusive(target, file.after);
    return;
  }
  if (!st?.isFile()) throw new WriteRefused('it is no longer a regular file; not written');
  if (nodeFs.readFileSync(target, 'utf8') !== file.before) {
    throw new WriteRefused('it changed while it was being processed; not written');
  }
  atomicWrite(target, file.after);
}
