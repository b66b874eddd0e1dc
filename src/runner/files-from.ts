import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { looksLikeDockerfile } from './looks-like.js';
import { isDockerfileName } from './files.js';

/** What a `--files-from` list names: the Dockerfiles to process, and how many entries were left out. */
export interface FileList {
  paths: string[];
  /** Entries naming no file (deleted in a `git diff --name-only` list, say). */
  missing: number;
  /** Entries naming a file that is not a Dockerfile by name or by content (or not a regular file). */
  other: number;
}

/** How much of a file is read to tell whether it looks like a Dockerfile. */
const PEEK_BYTES = 64 * 1024;

function peek(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(PEEK_BYTES);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Whether an existing regular file is a Dockerfile by its name or, failing that, by how it starts. */
function isDockerfile(path: string): boolean {
  if (isDockerfileName(basename(path))) return true;
  try {
    return looksLikeDockerfile(peek(path));
  } catch {
    // Unreadable: let the run report it.
    return true;
  }
}

/** Entries of a list, one path per line (CRLF and blank lines allowed), resolved against the working directory. */
export function parseFileList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Read a `--files-from` list (`-`: standard input) and keep the entries that are Dockerfiles. */
export function readFileList(source: string): FileList {
  const text = readFileSync(source === '-' ? 0 : source, 'utf8');
  const list: FileList = { paths: [], missing: 0, other: 0 };
  for (const entry of parseFileList(text)) {
    let isFile: boolean;
    try {
      isFile = statSync(entry).isFile();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        list.missing++;
        continue;
      }
      // Not ours to judge: the run reports it.
      list.paths.push(entry);
      continue;
    }
    if (isFile && isDockerfile(entry)) list.paths.push(entry);
    else list.other++;
  }
  return list;
}

/** The note for entries left out, or null when none were. */
export function fileListNote(source: string, list: FileList): string | null {
  const parts: string[] = [];
  if (list.missing > 0) parts.push(`${list.missing} that ${list.missing === 1 ? 'does' : 'do'} not exist`);
  if (list.other > 0) parts.push(`${list.other} not ${list.other === 1 ? 'a Dockerfile' : 'Dockerfiles'}`);
  if (parts.length === 0) return null;
  const from = source === '-' ? 'stdin' : source;
  return `note: --files-from ${from}: skipped ${list.missing + list.other} ${list.missing + list.other === 1 ? 'entry' : 'entries'} (${parts.join(', ')})`;
}
