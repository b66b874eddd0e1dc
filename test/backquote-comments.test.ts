import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { blankBackquoteComments } from '../src/model/backquote-comments.js';
import { parseDockerfile } from '../src/model/parse.js';
import { initShell } from '../src/model/shell.js';

beforeAll(initShell);

const CASES: Array<[string, boolean]> = [
  ['apt-get install -y curl `# for downloads` git', true],
  ['apt-get install -y curl `#for downloads`', true],
  ['`# first` apt-get install -y curl', true],
  ['apt-get install -y curl ` # spaced` git\t`# tab`\tvim', true],
  ['apt-get install -y curl`# joined` git', false],
  ['apt-get install -y curl `# joined`git', false],
  ['apt-get install -y cu`# inside`rl', false],
  ['echo "a `# quoted` b" c', false],
  ["echo 'a `# single` b' c", false],
  ['echo a \\`# escaped\\` b', false],
  ['echo `echo x # not only a comment` b', false],
  ['echo a # comment `# in a comment` b', false],
];

/** The words a POSIX shell makes of a line (`set -- line`), one per output line. */
function words(line: string): string {
  const r = spawnSync('sh', ['-c', `set -- ${line}; printf '<%s>\\n' "$@"`], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('comment-only backquote substitutions', () => {
  it('are blanked, same length, only where they stand alone outside quotes', () => {
    for (const [line, blanked] of CASES) {
      const r = blankBackquoteComments(line);
      expect(r.text.length, line).toBe(line.length);
      expect(r.spans.length > 0, line).toBe(blanked);
      for (const [s, e] of r.spans) expect(r.text.slice(s, e).trim(), line).toBe('');
      if (!blanked) expect(r.text, line).toBe(line);
    }
  });

  it('keep the words the shell makes of the line', () => {
    for (const [line] of CASES) {
      const r = blankBackquoteComments(line);
      expect(words(r.text), line).toBe(words(line));
    }
  });

  it('let RUN bodies with them parse, and only them', () => {
    const m = parseDockerfile(
      'FROM debian\nRUN apt-get install -y \\\n    curl `# for downloads` \\\n    git\nRUN apt-get install -y curl`# x` git\n',
    );
    const [ok, joined] = m.instructions.slice(1).map((i) => i.shell!);
    expect(ok.ok).toBe(true);
    expect(ok.commands.map((c) => [c.name?.value, ...c.args.map((a) => a.value)])).toEqual([['apt-get', 'install', '-y', 'curl', 'git']]);
    expect(ok.commentSubstitutions.map(([s, e]) => m.text.slice(s, e))).toEqual(['`# for downloads`']);
    expect(joined.ok).toBe(false);
    expect(joined.problem).toBe('the RUN body does not parse as shell');
  });
});
