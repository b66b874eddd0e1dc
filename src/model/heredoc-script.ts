/**
 * RUN heredocs that are the script the RUN runs, as BuildKit reads them (frontend/dockerfile/parser/parser.go and
 * dockerfile2llb/convert.go, dispatchRun):
 *
 * - When the RUN's first line (after its flags) is one heredoc word and nothing else (`RUN <<EOF`, `<<-EOF`,
 *   `<<'EOF'`, `<<"EOF"`), the heredoc's content is the script: BuildKit passes it whole to the stage's SHELL
 *   (`/bin/sh -c "<content>"`), or, when it starts with `#!`, writes it to a file and runs that file, so its
 *   `#!` line names the interpreter. `<<-` strips the leading tabs of every line first.
 * - Any other first line (`RUN python3 <<EOF`, `RUN cat <<EOF > /x`, `RUN <<EOF bash`, two heredocs) is passed to
 *   the shell with the heredocs after it: the heredocs are input of the commands on that line, data.
 *
 * Lines of the content keep their line ends, `\r` included: BuildKit strips neither.
 */

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);

export type HeredocRun =
  | {
      kind: 'script';
      /** File span of the content, from the line after the RUN's first line to the start of the delimiter line. */
      start: number;
      end: number;
      /** `<<-`: BuildKit strips leading tabs from each line. */
      chomp: boolean;
      /** The script cannot be read the way the shell reads it, or null. */
      problem: string | null;
    }
  | { kind: 'data'; reason: string };

const SCRIPT_LINE = /^<<(-?)(["']?)([A-Za-z0-9_.-]+)\2[ \t]*$/;

/** The interpreter a `#!` line names (`env` and `busybox` skipped to the program they run), or null. */
function interpreter(line: string): string | null {
  const words = line.slice(2).trim().split(/[ \t]+/);
  let i = 0;
  let name = words[i]?.split('/').pop() ?? '';
  while ((name === 'env' || name === 'busybox') && i + 1 < words.length) {
    i++;
    while (i < words.length - 1 && words[i].startsWith('-')) i++;
    name = words[i].split('/').pop() ?? '';
  }
  return name || null;
}

/** What the heredoc of a RUN is, given the text from its arguments (after the flags) to its end. */
export function heredocRun(text: string, argsStart: number, end: number): HeredocRun {
  const firstBreak = text.indexOf('\n', argsStart);
  if (firstBreak < 0 || firstBreak >= end) return { kind: 'data', reason: 'has a heredoc without an end line' };
  const first = text.slice(argsStart, firstBreak).replace(/\r$/, '');
  const m = SCRIPT_LINE.exec(first);
  if (!m) {
    const several = (first.match(/(^|[ \t])\d*<</g) ?? []).length > 1;
    return {
      kind: 'data',
      reason: several
        ? 'has several heredocs, which are input of the commands on its first line'
        : `has a heredoc that is input of \`${first.trim().slice(0, 60)}\`, not the script the RUN runs`,
    };
  }
  const chomp = m[1] === '-';
  const name = m[3];
  const start = firstBreak + 1;
  let lineStart = start;
  let close = -1;
  while (lineStart < end) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    let line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (chomp) line = line.replace(/^\t+/, '');
    if (line === name) {
      close = lineStart;
      break;
    }
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  if (close < 0) return { kind: 'data', reason: 'has a heredoc without an end line' };
  const content = text.slice(start, close);
  const firstLine = (chomp ? content.replace(/^\t+/, '') : content).split('\n')[0].replace(/\r$/, '');
  if (firstLine.startsWith('#!')) {
    const prog = interpreter(firstLine);
    if (!prog || !SHELLS.has(prog)) {
      return { kind: 'data', reason: `has a heredoc script run by \`${firstLine.slice(0, 60)}\`, not by a shell` };
    }
  }
  const problem = content.includes('\r')
    ? 'the heredoc script has CRLF line ends: BuildKit passes each \\r to the shell as part of its line'
    : null;
  return { kind: 'script', start, end: close, chomp, problem };
}
