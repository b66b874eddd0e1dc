import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { TransformError } from '../plugins/errors.js';
import { InputError, transformText, type AppliedFix, type SkippedFix, type UnsafeFix } from '../engine.js';
import type { BuildContext, Transform, TransformOptions } from '../../transforms/types.js';
import { generatedByHeader, generatedFromSibling } from './generated.js';
import { looksLikeDockerfile } from './looks-like.js';

/**
 * Files larger than this are refused. Real Dockerfiles are far smaller (the largest of 758 in the test corpus
 * is 32 KB). Generated 1 MB files of thousands of RUN and ENV lines took 30-35 s and up to 540 MB; a 5 MB one
 * would take minutes.
 */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface ProcessOptions {
  transforms: readonly Transform[];
  context?: BuildContext;
  options?: TransformOptions;
  /** Skip, with a note, a text that does not look like a Dockerfile (a file whose name does not say it is one). */
  checkContent?: boolean;
}

/** What became of one file. */
export type FileResult =
  | {
      status: 'done';
      input: string;
      output: string;
      changed: boolean;
      fixes: AppliedFix[];
      skipped: SkippedFix[];
      /** Unsafe fixes left out (unsafe fixes not asked for). */
      unsafe: UnsafeFix[];
    }
  /** Nothing to do, and not a failure (an empty file, a binary file). */
  | { status: 'note'; message: string }
  /** The file could not be read or transformed; `internal` marks a bug (an invariant the engine checks broke). */
  | { status: 'error'; message: string; internal: boolean };

/** Stat details taken when the file was read, so a write can tell whether it changed meanwhile. */
export interface ReadStamp {
  size: number;
  mtimeMs: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** 1-based line of the first byte sequence that is not UTF-8. */
function badUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

/** Decode and transform a file's bytes. Pure: the same bytes, context and options give the same result. */
export function processBytes(bytes: Uint8Array, opts: ProcessOptions): FileResult {
  if (bytes.length === 0 || (bytes.length === 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) {
    return { status: 'note', message: 'empty file, nothing to do' };
  }
  if (bytes.length > MAX_FILE_BYTES) {
    return { status: 'error', message: fileTooLarge(bytes.length), internal: false };
  }
  if (bytes.includes(0)) return { status: 'note', message: 'binary file, skipped' };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return {
      status: 'error',
      message: `not valid UTF-8 text (line ${badUtf8Line(bytes)}); convert the file to UTF-8 first`,
      internal: false,
    };
  }
  if (opts.checkContent && !looksLikeDockerfile(text)) {
    return { status: 'note', message: 'not a Dockerfile (no FROM or ARG first, and not a Dockerfile name), skipped' };
  }
  return processText(text, opts);
}

/** Transform a file's text; errors become results. A generated file (its header says so) is left alone. */
export function processText(text: string, opts: ProcessOptions): FileResult {
  const generated = generatedByHeader(text);
  if (generated !== null) return { status: 'note', message: generated };
  try {
    const r = transformText(text, { transforms: [...opts.transforms], context: opts.context, options: opts.options });
    return { status: 'done', input: text, output: r.output, changed: r.changed, fixes: r.fixes, skipped: r.skipped, unsafe: r.unsafe };
  } catch (err) {
    if (err instanceof InputError) return { status: 'error', message: err.message, internal: false };
    // A plugin's failure is the plugin's bug, not this tool's.
    if (err instanceof TransformError) return { status: 'error', message: err.message, internal: err.builtin };
    // VerifyError, or any other exception: a bug, never the user's fault.
    const e = err as Error;
    return { status: 'error', message: e?.message ?? String(err), internal: true };
  }
}

function fileTooLarge(size: number): string {
  const mb = (size / (1024 * 1024)).toFixed(1);
  return `file is ${mb} MiB, over the ${MAX_FILE_BYTES / (1024 * 1024)} MiB limit for Dockerfiles; not processed`;
}

/** Friendly text for a failed read. */
export function readErrorMessage(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'ENOENT'
        ? 'no such file or directory'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'ELOOP'
            ? 'symlink loop (too many levels of symbolic links)'
            : code
              ? `${code}: ${(err as Error).message}`
              : String((err as Error)?.message ?? err);
  return `cannot read: ${why}`;
}

export type ReadResult = { ok: true; bytes: Uint8Array; stamp: ReadStamp } | { ok: false; message: string };

/**
 * Read a file's bytes without blocking on FIFOs and without reading more than the size limit allows.
 * The only I/O of the per-file pipeline.
 */
export function readFileBytes(path: string): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return { ok: false, message: readErrorMessage(err) };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { ok: false, message: 'is a directory' };
    if (!st.isFile()) return { ok: false, message: 'not a regular file' };
    if (st.size > MAX_FILE_BYTES) return { ok: false, message: fileTooLarge(st.size) };
    // Read to the end, even if the file grew since fstat.
    const chunks: Buffer[] = [];
    let n = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.max(st.size - n, 0) + 4096);
      const r = readSync(fd, buf, 0, buf.length, null);
      if (r === 0) break;
      chunks.push(buf.subarray(0, r));
      n += r;
      if (n > MAX_FILE_BYTES) return { ok: false, message: fileTooLarge(n) };
    }
    return { ok: true, bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), stamp: { size: st.size, mtimeMs: st.mtimeMs } };
  } catch (err) {
    return { ok: false, message: readErrorMessage(err) };
  } finally {
    closeSync(fd);
  }
}

/** Read one file and transform it. A generated file (a template next to it renders it) is left alone. */
export function processFile(path: string, opts: ProcessOptions): FileResult & { stamp?: ReadStamp } {
  const read = readFileBytes(path);
  if (!read.ok) return { status: 'error', message: read.message, internal: false };
  const generated = generatedFromSibling(path);
  if (generated !== null) return { status: 'note', message: generated, stamp: read.stamp };
  return { ...processBytes(read.bytes, opts), stamp: read.stamp };
}
