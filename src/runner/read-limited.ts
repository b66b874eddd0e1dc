import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Most bytes a side file (.gitignore, .dockerignore, package.json, an entrypoint script…) may hold to be read. */
export const MAX_SIDE_FILE_BYTES = 4 * 1024 * 1024;

export type LimitedRead =
  | { ok: true; bytes: Buffer; size: number; mtimeMs: number }
  | { ok: false; reason: 'not-file'; directory: boolean }
  | { ok: false; reason: 'too-large'; size: number }
  | { ok: false; reason: 'error'; error: unknown };

/**
 * Read a regular file of at most `limit` bytes: opened without blocking (a FIFO never hangs the run), checked to
 * be a regular file (no devices, sockets, FIFOs or directories), and read with the limit enforced while reading
 * (a file that grows, or a size the kernel misreports, cannot make it read more).
 */
export function readLimited(path: string | Buffer, limit: number): LimitedRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    return { ok: false, reason: 'error', error };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not-file', directory: st.isDirectory() };
    if (st.size > limit) return { ok: false, reason: 'too-large', size: st.size };
    const chunks: Buffer[] = [];
    let n = 0;
    for (;;) {
      // One byte past the limit is enough to know it was passed.
      const buf = Buffer.allocUnsafe(Math.min(Math.max(st.size - n, 0) + 4096, limit - n + 1));
      const r = readSync(fd, buf, 0, buf.length, null);
      if (r === 0) break;
      chunks.push(buf.subarray(0, r));
      n += r;
      if (n > limit) return { ok: false, reason: 'too-large', size: n };
    }
    return { ok: true, bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), size: st.size, mtimeMs: st.mtimeMs };
  } catch (error) {
    return { ok: false, reason: 'error', error };
  } finally {
    closeSync(fd);
  }
}

/** A small regular text file's content (UTF-8), or null when it is missing, not a regular file or too large. */
export function readSmallText(path: string | Buffer, limit: number = MAX_SIDE_FILE_BYTES): string | null {
  const r = readLimited(path, limit);
  return r.ok ? r.bytes.toString('utf8') : null;
}
