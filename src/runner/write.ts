import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ReadStamp } from './process.js';

/** The file-system calls a write makes (replaceable in tests to simulate failures). */
export interface WriteFs {
  realpathSync: (p: string) => string;
  statSync: (p: string) => nodeFs.Stats;
  writeFileSync: (p: string, data: string, opts: { flag: string; mode: number }) => void;
  chmodSync: (p: string, mode: number) => void;
  chownSync: (p: string, uid: number, gid: number) => void;
  renameSync: (from: string, to: string) => void;
  unlinkSync: (p: string) => void;
}

/**
 * Replace a file's content atomically: write a temporary file in the same directory with the same mode
 * (and owner, when allowed), then rename it over the file. A symlink is written through (its target is
 * replaced, the link stays). When anything fails the original is left as it was and the temporary file removed.
 * With `expect`, refuses to write when the file changed since it was read.
 */
export function atomicWrite(path: string, text: string, expect?: ReadStamp, fs: WriteFs = nodeFs): void {
  const real = fs.realpathSync(path);
  const st = fs.statSync(real);
  if (expect && (st.size !== expect.size || st.mtimeMs !== expect.mtimeMs)) {
    throw new Error('the file changed while it was being processed; not written');
  }
  const mode = st.mode & 0o7777;
  const tmp = join(dirname(real), `.${basename(real)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(tmp, text, { flag: 'wx', mode: 0o600 });
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
  } catch (err) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // Never created, or already gone.
    }
    throw err;
  }
}
