import type { Edit } from '../../src/edits.js';
import { preorder } from '../../src/model/shell.js';
import type { Instruction, Model, ShellBody, SyntaxNode } from '../../src/model/types.js';

/**
 * Append a command to the heredoc script of `RUN <<EOF` (`last`: its last top-level statement, ending at `pos`).
 * BuildKit runs the script with `sh -c`, whose exit status is the last command's: without `set -e`, a failing line
 * before the last does not stop it, and a new last line would make its own status the script's, so an install that
 * failed would no longer fail the build. So the command is joined to the last statement's line with `&&`: it runs
 * only when that statement succeeded, and a failure still fails the build. Only where `set -e` is sure to be in
 * force at the end (a top-level `set -e` and no `set +e` anywhere) does the command get a line of its own after it,
 * as such scripts are written: the shell stops at the first failure, so it runs only when everything succeeded.
 */
export function appendToScript(m: Model, ins: Instruction, last: SyntaxNode, pos: number, command: string): Edit | string {
  const sh = ins.shell!;
  for (const n of preorder(last)) {
    if (n.type === 'heredoc_redirect') {
      return `the heredoc script of the RUN on line ${ins.line} ends with a command that reads a heredoc of its own`;
    }
  }
  if (errexit(m, sh)) {
    const nl = m.text.indexOf('\n', pos);
    if (nl >= 0 && nl < sh.end) {
      const lineStart = m.text.lastIndexOf('\n', last.start - 1) + 1;
      const indent = /^[ \t]*/.exec(m.text.slice(lineStart, last.start))![0];
      return { start: nl + 1, end: nl + 1, text: `${indent}${command}\n` };
    }
  }
  let text = ` && ${command}`;
  // A comment written right after the code (`…)# note`) must stay a comment: `#` starts one only at a word start.
  if (m.text[pos] === '#') text += ' ';
  return { start: pos, end: pos, text };
}

/** The line continuation of a RUN's shell text: the Dockerfile's escape character, or `\` in a heredoc script. */
export function scriptEscape(m: Model, ins: Instruction): string {
  return ins.heredoc ? '\\' : m.style.escape;
}

const SET_E = /^-[A-Za-z]*e[A-Za-z]*$/;
const UNSET_E = /^\+[A-Za-z]*[eo][A-Za-z]*$/;

/**
 * Whether `set -e` is in force when the script ends: set by a top-level `set -e` / `set -o errexit` (or the `#!`
 * line's options), and no `set +e` / `set +o …` anywhere in it (not even in a function or a branch).
 */
function errexit(m: Model, sh: ShellBody): boolean {
  let on = false;
  const first = m.text.slice(sh.start, m.text.indexOf('\n', sh.start)).replace(/^\t+/, '');
  if (first.startsWith('#!') && first.slice(2).trim().split(/[ \t]+/).slice(1).some((w) => SET_E.test(w))) on = true;
  for (const c of sh.commands) {
    if (c.name?.value !== 'set') continue;
    const args = c.args.map((a) => a.value);
    if (args.some((a) => a === null || UNSET_E.test(a))) return false;
    const sets = args.some((a, i) => SET_E.test(a!) || (a === '-o' && args[i + 1] === 'errexit'));
    if (sets && !c.contained && sh.statements.includes(c.node)) on = true;
  }
  return on;
}
