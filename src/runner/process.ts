import { lstatSync } from 'node:fs';
import { basename } from 'node:path';
import { TransformError } from '../plugins/errors.js';
import { InputError, transformText, type AppliedFix, type SkippedFix, type UnsafeFix } from '../engine.js';
import { CR_ONLY_MESSAGE, isCrOnly, looksUtf16, UTF16_MESSAGE } from './encoding.js';
import { readLimited } from './read-limited.js';
import type { BuildContext, SideFile, Transform, TransformOptions } from '../transform-types.js';
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
  /** The Dockerfile's own ignore file (`Dockerfile.dockerignore`) exists: its name (processFile finds it). */
  dockerfileIgnore?: string;
}

/** What became of one file. */
export type FileResult =
  | {
      status: 'done';
      input: string;
      output: string;
      /** The text changed, or `sideFiles` is not empty. */
      changed: boolean;
      /** Context files to create or rewrite (context-relative paths), as EngineResult.sideFiles. */
      sideFiles: SideFile[];
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
  if (looksUtf16(bytes)) return { status: 'error', message: UTF16_MESSAGE, internal: false };
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
  if (isCrOnly(text)) return { status: 'error', message: CR_ONLY_MESSAGE, internal: false };
  const generated = generatedByHeader(text);
  if (generated !== null) return { status: 'note', message: generated };
  try {
    const r = transformText(text, { transforms: [...opts.transforms], context: opts.context, options: opts.options, dockerfileIgnore: opts.dockerfileIgnore });
    // The same limit as for input: a file the tool grew past it could not be processed again.
    const size = r.changed ? Buffer.byteLength(r.output) : 0;
    if (size > MAX_FILE_BYTES) return { status: 'error', message: resultTooLarge(size), internal: false };
    const { output, changed, sideFiles, fixes, skipped, unsafe } = r;
    return { status: 'done', input: text, output, changed, sideFiles, fixes, skipped, unsafe };
  } catch (err) {
    if (err instanceof InputError) return { status: 'error', message: err.message, internal: false };
    // A plugin's failure is the plugin's bug, not this tool's.
    if (err instanceof TransformError) return { status: 'error', message: err.message, internal: err.builtin };
    // VerifyError, or any other exception: a bug, never the user's fault.
    const e = err as Error;
    return { status: 'error', message: e?.message ?? String(err), internal: true };
  }
}

function resultTooLarge(size: number): string {
  const mb = (size / (1024 * 1024)).toFixed(2);
  return `the result would be ${mb} MiB, over the ${MAX_FILE_BYTES / (1024 * 1024)} MiB limit for Dockerfiles (which a later run would refuse); the file is left as it is`;
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
export function readFileBytes(path: string | Buffer): ReadResult {
  const r = readLimited(path, MAX_FILE_BYTES);
  if (r.ok) return { ok: true, bytes: r.bytes, stamp: { size: r.size, mtimeMs: r.mtimeMs } };
  if (r.reason === 'too-large') return { ok: false, message: fileTooLarge(r.size) };
  if (r.reason === 'not-file') return { ok: false, message: r.directory ? 'is a directory' : 'not a regular file' };
  return { ok: false, message: readErrorMessage(r.error) };
}

/** Read one file and transform it. A generated file (a template next to it renders it) is left alone. */
export function processFile(path: string | Buffer, opts: ProcessOptions): FileResult & { stamp?: ReadStamp } {
  const read = readFileBytes(path);
  if (!read.ok) return { status: 'error', message: read.message, internal: false };
  // A path that is not UTF-8 (bytes) names no template sibling the check could build a name for.
  const generated = typeof path === 'string' ? generatedFromSibling(path) : null;
  if (generated !== null) return { status: 'note', message: generated, stamp: read.stamp };
  return { ...processBytes(read.bytes, { ...opts, dockerfileIgnore: ownIgnoreFile(path) }), stamp: read.stamp };
}

/** The name of `<Dockerfile>.dockerignore` beside the Dockerfile, when there is one (BuildKit reads it first). */
function ownIgnoreFile(path: string | Buffer): string | undefined {
  const name = Buffer.concat([Buffer.from(path), Buffer.from('.dockerignore')]);
  try {
    return lstatSync(name, { throwIfNoEntry: false }) ? `${basename(Buffer.from(path).toString())}.dockerignore` : undefined;
  } catch {
    // A name too long for the suffix (ENAMETOOLONG) or an unreadable directory: no such file BuildKit could read.
    return undefined;
  }
}
