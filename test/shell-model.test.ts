import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDockerfile } from '../src/model/parse.js';
import { fastCopyActive, initShell, parseShell, parseShellBody, parseShellPortable, ShellCache } from '../src/model/shell.js';
import { CORPUS_ABSENT_MESSAGE, corpusFiles, corpusPresent } from './helpers/corpus.js';
import { loadFixtures } from './helpers/fixtures.js';

beforeAll(initShell);

/** RUN bodies (blanked to one shell line) of the corpus, or of the fixtures when the corpus is absent. */
function bodies(): string[] {
  const texts = corpusPresent
    ? corpusFiles().map((f) => readFileSync(f.path, 'utf8'))
    : loadFixtures().flatMap((f) => [f.input, f.output]);
  const out: string[] = [];
  for (const text of texts) {
    try {
      for (const ins of parseDockerfile(text.replace(/^\uFEFF/, '')).instructions) {
        if (ins.shell) out.push(ins.shell.text);
      }
    } catch {
      // not a Dockerfile: nothing to collect
    }
  }
  return out;
}

describe('shell trees', () => {
  it('are copied over the raw exports with this runtime', () => {
    expect(fastCopyActive()).toBe(true);
  });

  it('match the public API copy on every RUN body', () => {
    if (!corpusPresent) console.log(`${CORPUS_ABSENT_MESSAGE}; using the fixtures' RUN bodies`);
    const all = bodies();
    expect(all.length).toBeGreaterThan(200);
    for (const b of all) expect(parseShell(b, 3)).toEqual(parseShellPortable(b, 3));
  });
});

describe('ShellCache', () => {
  const text = 'cd /src && make CFLAGS="-O2" | tee log; sh -c "apt-get update"';

  it('gives a text parsed at another offset the tree of a fresh parse there', () => {
    const cache = new ShellCache();
    const first = parseShell(text, 10, cache);
    const moved = parseShell(text, 57, cache);
    expect(moved.root).not.toBe(first.root);
    expect(moved).toEqual(parseShellPortable(text, 57));
    expect(parseShell(text, 10, cache)).toEqual(parseShellPortable(text, 10));
  });

  it('hands out the same body model for the same text at the same offset, and a fresh one elsewhere', () => {
    const cache = new ShellCache();
    const file = `FROM x\nRUN ${text}\nRUN ${text}\n`;
    const [a, b] = parseDockerfile(file, cache).instructions.filter((i) => i.name === 'RUN');
    expect(a.shell).toEqual(parseShellBody(file, a.argsStart, a.argsEnd, '\\'));
    expect(b.shell).toEqual(parseShellBody(file, b.argsStart, b.argsEnd, '\\'));
    const again = parseDockerfile(file, cache).instructions.filter((i) => i.name === 'RUN');
    expect(again[0].shell).toBe(a.shell);
    expect(again[1].shell).toBe(b.shell);
    const shifted = parseDockerfile(`# moved\n${file}`, cache).instructions.filter((i) => i.name === 'RUN');
    expect(shifted[0].shell).toEqual(parseShellBody(`# moved\n${file}`, shifted[0].argsStart, shifted[0].argsEnd, '\\'));
  });
});

describe('words', () => {
  it('a word the parser cuts in two (several expansions joined by text) is one word, as the shell reads it', () => {
    const file = 'FROM x\nRUN wget https://x.example/a-$V-b-$V.tgz -O a.tgz && $A-$B-c-$D.sh go\n';
    const run = parseDockerfile(file).instructions[1];
    const [wget, script] = run.shell!.commands;
    expect(wget.args.map((w) => w.raw)).toEqual(['https://x.example/a-$V-b-$V.tgz', '-O', 'a.tgz']);
    expect(wget.args[0].value).toBeNull();
    expect(file.slice(wget.args[0].start, wget.args[0].end)).toBe('https://x.example/a-$V-b-$V.tgz');
    expect(script.name!.raw).toBe('$A-$B-c-$D.sh');
    expect(script.args.map((w) => w.raw)).toEqual(['go']);
    // What the words are joined from: the parser's own cut, so that the test fails when the grammar changes.
    const cut = parseShell('wget a-$V-b-$V.tgz').root.children[0].children.filter((c) => c.field === 'argument');
    expect(cut).toHaveLength(2);
  });
});
