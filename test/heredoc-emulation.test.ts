import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs module of the build suite, without types
import { emulateHeredocRuns } from './build/heredoc-emulation.mjs';

type Emulated = { dockerfile: string; files: Record<string, string> };
const emulate = (text: string): Emulated => emulateHeredocRuns(text);
const name = (script: string) => `${createHash('sha256').update(script).digest('hex').slice(0, 16)}.sh`;
const mounted = (script: string) =>
  `--mount=type=bind,source=.heredoc,target=/.heredoc eval "$(cat /.heredoc/${name(script)})"`;

describe('heredoc emulation of the build suite', () => {
  it('turns a script heredoc RUN into one line that evals the script from a bind mount, keeping the rest', () => {
    const script = 'apt-get update\n  apt-get install -y git "$HOME"\n';
    const text = `# syntax=docker/dockerfile:1\nFROM debian\n# <<EOF in a comment\n  run --network=host <<EOF\n${script}EOF\nRUN echo \\\n  done\nCMD ["x"]`;
    expect(emulate(text)).toEqual({
      dockerfile: `# syntax=docker/dockerfile:1\nFROM debian\n# <<EOF in a comment\n  run --network=host ${mounted(script)}\nRUN echo \\\n  done\nCMD ["x"]`,
      files: { [`.heredoc/${name(script)}`]: script },
    });
  });

  it('strips the leading tabs of <<- lines, the end line included, and keeps quoted scripts verbatim', () => {
    const text = 'FROM debian\nRUN <<-EOF\n\tif true; then\n\t\techo "a\tb"\n\tfi\n\t\tEOF\nRUN <<\'END\'\n\techo $HOME\nEND\nRUN <<"X"\necho `id`\nX\n';
    const tabs = 'if true; then\necho "a\tb"\nfi\n';
    const quoted = '\techo $HOME\n';
    const dquoted = 'echo `id`\n';
    expect(emulate(text)).toEqual({
      dockerfile: `FROM debian\nRUN ${mounted(tabs)}\nRUN ${mounted(quoted)}\nRUN ${mounted(dquoted)}\n`,
      files: {
        [`.heredoc/${name(tabs)}`]: tabs,
        [`.heredoc/${name(quoted)}`]: quoted,
        [`.heredoc/${name(dquoted)}`]: dquoted,
      },
    });
  });

  it('names scripts by their content, so a changed script never reuses a cached layer', () => {
    const a = emulate('FROM debian\nRUN <<EOF\napt-get install -y git\nEOF\n');
    const b = emulate('FROM debian\nRUN <<EOF\napt-get install -y git && rm -rf /var/lib/apt/lists/*\nEOF\n');
    expect(a.dockerfile).not.toBe(b.dockerfile);
    const same = emulate('FROM debian\nRUN <<EOF\necho 1\nEOF\nRUN <<EOF\necho 1\nEOF\n');
    expect(Object.keys(same.files)).toEqual([`.heredoc/${name('echo 1\n')}`]);
  });

  it('leaves a Dockerfile without heredocs as it is (here-strings and a POSIX SHELL included)', () => {
    const text = 'FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN cat <<<"$x"\n';
    expect(emulate(text)).toEqual({ dockerfile: text, files: {} });
  });

  it('refuses what it does not emulate, naming the line', () => {
    const refused: [string, RegExp][] = [
      ['FROM debian\nCOPY <<EOF /x\nhi\nEOF\n', /^line 2: a heredoc other than a RUN's whole script/],
      ['FROM debian\nRUN cat <<EOF > /x\nhi\nEOF\n', /^line 2: a heredoc other than/],
      ['FROM debian\nRUN <<A <<B\na\nA\nb\nB\n', /^line 2: a heredoc other than/],
      ['FROM debian\nRUN echo \\\n  <<EOF\nhi\nEOF\n', /^line 3: a heredoc other than/],
      ['FROM debian\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n', /^line 2: a #! script/],
      ['FROM debian\nRUN <<EOF\necho hi\n', /^line 2: the heredoc EOF has no end line/],
      ['FROM debian\nRUN <<EOF\necho hi\n\tEOF\n', /^line 2: the heredoc EOF has no end line/],
      ['FROM debian\r\nRUN <<EOF\r\necho hi\r\nEOF\r\n', /^CRLF line ends/],
      ['FROM debian\nSHELL ["powershell", "-Command"]\nRUN <<EOF\necho hi\nEOF\n', /^line 2: SHELL is not a POSIX shell/],
    ];
    for (const [text, message] of refused) expect(() => emulate(text), text).toThrow(message);
  });

  it('runs a script as the shell would run it as its -c argument', () => {
    const script = 'set -e\necho "$0" \'$HOME\' "a  b"\nf() { echo "in f: $#"; }\nf 1 2\nfalse\necho unreachable\n';
    const { dockerfile, files } = emulate(`FROM debian\nRUN <<'EOF'\n${script}EOF\n`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heredoc-emulation-'));
    try {
      for (const [rel, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), content);
      }
      // The RUN's shell-form body, with the bind mount's target replaced by the directory written here.
      const body = dockerfile.split('\n')[1].replace(/^RUN --mount=\S+ /, '').replaceAll('/.heredoc/', `${dir}/.heredoc/`);
      const sh = (args: string[]) => {
        try {
          return { out: execFileSync('/bin/sh', args, { encoding: 'utf8' }), code: 0 };
        } catch (e) {
          const err = e as { stdout: string; status: number };
          return { out: err.stdout, code: err.status };
        }
      };
      const direct = sh(['-c', script]);
      expect(direct).toEqual({ out: '/bin/sh $HOME a  b\nin f: 2\n', code: 1 });
      expect(sh(['-c', body])).toEqual(direct);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
