// The patch module alone: the package's index loads every kind of diff (about 15 ms more at start-up).
import { createTwoFilesPatch, FILE_HEADERS_ONLY, formatPatch } from 'diff/lib/patch/create.js';
import type { Colors } from './color.js';
import { diffHeaderLine } from './diff-names.js';

/**
 * A unified diff from `a/<path>` to `b/<path>` that `git apply` and `patch -p1` accept, byte for byte:
 * CRLF lines, a missing final newline and a BOM all come through.
 */
export function unifiedDiff(path: string | Buffer, before: string, after: string, maxEditLength = editBudget(before, after)): string {
  const exact = createTwoFilesPatch('a/file', 'b/file', before, after, undefined, undefined, {
    headerOptions: FILE_HEADERS_ONLY,
    maxEditLength,
  });
  return withHeaders(exact ?? oneHunk(before, after), path);
}

/** The patch with its `---`/`+++` lines naming `path` in the forms `git apply` and `patch -p1` both read. */
function withHeaders(patch: string, path: string | Buffer): string {
  const second = patch.indexOf('\n', patch.indexOf('\n') + 1);
  return `--- ${diffHeaderLine('a/', path)}\n+++ ${diffHeaderLine('b/', path)}${patch.slice(second)}`;
}

/**
 * Line edits beyond which the minimal diff is not searched for: its cost grows with file length times edits (a
 * 400 KB file with thousands of changed RUNs spent seconds and hundreds of MB in it). Real Dockerfiles stay far
 * below; past it the patch is one hunk from the first changed line to the last.
 */
const MAX_EDIT_LENGTH = 4000;

/**
 * Lines times edits the search may cover: about half a second. Runs in the main thread, outside the time limit
 * of a file: 20,000 lines with thousands of edits spent 6 s in it under MAX_EDIT_LENGTH alone.
 */
const MAX_EDIT_WORK = 10_000_000;

/** The most edits searched for between these texts: fewer the longer they are (the same for the same texts). */
function editBudget(before: string, after: string): number {
  let lines = 2;
  for (const t of [before, after]) for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) lines++;
  return Math.max(1, Math.min(MAX_EDIT_LENGTH, Math.floor(MAX_EDIT_WORK / lines)));
}

/** Lines with their line endings. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A valid patch with one hunk spanning every change, with three lines of context each side. */
function oneHunk(before: string, after: string): string {
  const a = splitLines(before);
  const b = splitLines(after);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const from = Math.max(0, pre - 3);
  const after3 = Math.min(3, suf);
  const lines: string[] = [];
  const push = (prefix: string, line: string) => {
    lines.push(prefix + line.replace(/\n$/, ''));
    if (!line.endsWith('\n')) lines.push('\\ No newline at end of file');
  };
  for (const l of a.slice(from, pre)) push(' ', l);
  for (const l of a.slice(pre, a.length - suf)) push('-', l);
  for (const l of b.slice(pre, b.length - suf)) push('+', l);
  for (const l of a.slice(a.length - suf, a.length - suf + after3)) push(' ', l);
  const oldLines = a.length - suf + after3 - from;
  const newLines = b.length - suf + after3 - from;
  return formatPatch(
    {
      oldFileName: 'a/file',
      newFileName: 'b/file',
      oldHeader: undefined,
      newHeader: undefined,
      hunks: [{ oldStart: from + 1, oldLines, newStart: from + 1, newLines, lines }],
    },
    FILE_HEADERS_ONLY,
  );
}

/** Color a unified diff for a terminal (headers bold, hunks cyan, removals red, additions green). */
export function colorDiff(patch: string, c: Colors): string {
  if (!c.enabled) return patch;
  return patch
    .split('\n')
    .map((line) => {
      const cr = line.endsWith('\r') ? '\r' : '';
      const body = cr ? line.slice(0, -1) : line;
      if (body.startsWith('--- ') || body.startsWith('+++ ')) return c.bold(body) + cr;
      if (body.startsWith('@@')) return c.cyan(body) + cr;
      if (body.startsWith('-')) return c.red(body) + cr;
      if (body.startsWith('+')) return c.green(body) + cr;
      if (body.startsWith('\\')) return c.dim(body) + cr;
      return line;
    })
    .join('\n');
}
