// Emulation of script heredoc RUNs for builders that cannot parse heredocs
// (Debian's buildah 1.28, which the build suite uses).
//
// BuildKit runs a RUN whose first line, after its flags, is exactly one heredoc
// (`RUN <<EOF`, `<<-EOF`, `<<'EOF'`, `<<"EOF"`) and whose text does not start with
// `#!` by handing the text to the stage's shell as its script: `<SHELL…> "<text>"`,
// by default `/bin/sh -c "<text>"` (moby/buildkit, dispatchRun in
// frontend/dockerfile/dockerfile2llb/convert.go). It does not expand variables in
// it (the shell does), and for `<<-` it strips the leading tabs of every line
// (and of the delimiter line).
//
// emulateHeredocRuns() turns each such RUN into a one-line RUN that buildah 1.28
// runs to the same effect, with no extra layer: the text goes into a file of the
// build context, `.heredoc/<hash>.sh` (named by a hash of the text: buildah's
// layer cache keys a RUN by its line, not by what it mounts, so a name shared by
// two different scripts would reuse the first one's layer), and the RUN becomes
//
//   RUN <its flags> --mount=type=bind,source=.heredoc,target=/.heredoc eval "$(cat /.heredoc/<hash>.sh)"
//
// The RUN keeps the shell form, so buildah hands that line to the stage's SHELL
// (its program and options, inherited as usual) and `eval` runs the text in that
// same shell process, as `<SHELL…> "<text>"` would. What differs from BuildKit:
// the text is read by `eval` inside the -c script instead of being the -c script
// (trailing newlines dropped, `set -x` traces one `+` deeper; `$0` and the
// options are the same); the bind mount needs `cat` in the image and leaves
// nothing in the layer; build errors name the rewritten line; a context COPY
// (`COPY . .`) would also copy `.heredoc/`. It does not prove that BuildKit
// accepts the Dockerfile's heredoc syntax.
//
// Anything else with a heredoc (COPY <<EOF, `RUN cat <<EOF`, two heredocs, a
// `#!` script), CRLF files and a SHELL that is not a POSIX-like shell are refused
// with an Error naming the line: buildah 1.28 could not build them either.

import { createHash } from 'node:crypto';

export const HEREDOC_DIR = '.heredoc';
const MOUNT_TARGET = '/.heredoc';

const SCRIPT_RUN = /^(\s*)(run)((?:\s+--\S+)*)\s+<<(-?)(?:"([^"\s]+)"|'([^'\s]+)'|([A-Za-z0-9_][^\s<>|&;"'`$()]*))\s*$/i;
const ANY_HEREDOC = /(?<!<)<<-?\s*["']?[A-Za-z_]/;
const INSTRUCTION = /^\s*([A-Za-z]+)(\s|$)/;
const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'mksh', 'zsh', 'busybox']);

/**
 * Rewrites the script heredoc RUNs of a Dockerfile.
 * @param {string} text the Dockerfile
 * @returns {{ dockerfile: string, files: Record<string, string> }} the rewritten
 *   Dockerfile and the scripts to write into the build context, by path
 *   relative to it (`.heredoc/<hash>.sh`); no files when there is no heredoc
 */
export function emulateHeredocRuns(text) {
  if (text.includes('\r')) throw new Error('CRLF line ends: not emulated');
  const escape = escapeChar(text);
  const lines = text.split('\n');
  const out = [];
  const files = {};
  let continued = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const where = `line ${i + 1}`;
    const isComment = /^\s*#/.test(line);
    if (!continued && !isComment) {
      const m = SCRIPT_RUN.exec(line);
      if (m) {
        const [, indent, keyword, flags, chomp, dq, sq, bare] = m;
        const name = dq ?? sq ?? bare;
        const body = [];
        let end = -1;
        for (let j = i + 1; j < lines.length; j++) {
          const l = chomp ? lines[j].replace(/^\t+/, '') : lines[j];
          if (l === name) {
            end = j;
            break;
          }
          body.push(l);
        }
        if (end < 0) throw new Error(`${where}: the heredoc ${name} has no end line`);
        const script = body.map((l) => `${l}\n`).join('');
        if (script.startsWith('#!')) throw new Error(`${where}: a #! script runs as a file in BuildKit: not emulated`);
        // Named by its content: buildah's layer cache keys a RUN by its text, not by what it mounts.
        const file = `${createHash('sha256').update(script).digest('hex').slice(0, 16)}.sh`;
        files[`${HEREDOC_DIR}/${file}`] = script;
        out.push(`${indent}${keyword}${flags} --mount=type=bind,source=${HEREDOC_DIR},target=${MOUNT_TARGET} eval "$(cat ${MOUNT_TARGET}/${file})"`);
        i = end;
        continue;
      }
      const instr = INSTRUCTION.exec(line)?.[1]?.toLowerCase();
      if (instr === 'shell') checkShell(line, where);
    }
    if (!isComment && ANY_HEREDOC.test(line)) {
      throw new Error(`${where}: a heredoc other than a RUN's whole script: not emulated`);
    }
    if (!isComment && line.trim() !== '') continued = line.trimEnd().endsWith(escape);
    out.push(line);
  }
  return { dockerfile: out.join('\n'), files };
}

function escapeChar(text) {
  for (const line of text.split('\n')) {
    const m = /^#\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(line);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape') return m[2];
  }
  return '\\';
}

function checkShell(line, where) {
  const m = /^\s*shell\s+\[\s*"([^"]*)"/i.exec(line);
  const program = m?.[1].split('/').pop();
  if (!program || !POSIX_SHELLS.has(program)) {
    throw new Error(`${where}: SHELL is not a POSIX shell: not emulated`);
  }
}
