import { fstatSync } from 'node:fs';
import { MAX_FILE_BYTES } from './process.js';

export type StdinRead = { ok: true; bytes: Buffer } | { ok: false; message: string };

/** What stdin is, when it is not something a Dockerfile can be read from. */
function unusableStdin(): string | null {
  let st;
  try {
    st = fstatSync(0);
  } catch {
    // No stdin at all (closed): reading it gives nothing, as from /dev/null.
    return null;
  }
  if (st.isDirectory()) return 'stdin is a directory, not a Dockerfile';
  if (st.isBlockDevice()) return 'stdin is a block device, not a Dockerfile';
  return null;
}

/**
 * Read all of stdin, at most MAX_FILE_BYTES: reading stops as soon as the limit is passed, so an endless
 * source (`< /dev/zero`, `yes |`) fails at once instead of filling memory.
 */
export async function readStdinLimited(stream: NodeJS.ReadableStream & { destroy?: () => void } = process.stdin): Promise<StdinRead> {
  const unusable = unusableStdin();
  if (unusable) return { ok: false, message: unusable };
  const chunks: Buffer[] = [];
  let n = 0;
  try {
    for await (const chunk of stream) {
      const b = chunk as Buffer;
      n += b.length;
      if (n > MAX_FILE_BYTES) {
        stream.destroy?.();
        return { ok: false, message: `stdin holds more than the ${MAX_FILE_BYTES / (1024 * 1024)} MiB limit for Dockerfiles; not processed` };
      }
      chunks.push(b);
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { ok: false, message: `cannot read stdin: ${e.code === 'EISDIR' ? 'is a directory' : (e.code ?? e.message)}` };
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
