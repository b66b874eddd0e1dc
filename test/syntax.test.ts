import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Syntax, SyntaxInstruction } from '../src/model/syntax.js';
import { astSyntax } from '../src/model/syntax-ast.js';
import { scanSyntax } from '../src/model/syntax-scan.js';
import { CORPUS_ABSENT_MESSAGE, corpusFiles, corpusPresent } from './helpers/corpus.js';
import { dockerfileCase } from './helpers/dockerfile-arbitrary.js';
import { loadFixtures } from './helpers/fixtures.js';

/** Everything a syntax gives, with the lazy parts computed, as plain data. */
function plain(s: Syntax) {
  const ins = (i: SyntaxInstruction): unknown => ({
    keyword: i.keyword, start: i.start, end: i.end, flags: i.flags, argsStart: i.argsStart, argsEnd: i.argsEnd,
    json: i.json, heredoc: i.heredoc, args: i.args(), properties: i.properties(), trigger: i.trigger && ins(i.trigger),
  });
  return { escape: s.escape, directives: s.directives, comments: s.comments, instructions: s.instructions.map(ins) };
}

const stripBom = (t: string) => t.replace(/^\uFEFF/, '');

/** The scanner gives what dockerfile-ast gives, or declines. Returns whether it read the text. */
function agrees(text: string): boolean {
  const scanned = scanSyntax(text);
  if (scanned) expect(plain(scanned)).toEqual(plain(astSyntax(text)));
  return scanned !== null;
}

describe('syntax scanner', () => {
  it('reads every fixture as dockerfile-ast does', () => {
    let read = 0;
    const texts = loadFixtures().flatMap((f) => [f.input, f.output]).map(stripBom);
    for (const t of texts) if (agrees(t)) read++;
    expect(read).toBeGreaterThan(texts.length * 0.9);
  });

  it('reads every corpus file as dockerfile-ast does', () => {
    if (!corpusPresent) {
      console.log(CORPUS_ABSENT_MESSAGE);
      return;
    }
    let read = 0;
    const files = corpusFiles();
    for (const f of files) if (agrees(stripBom(readFileSync(f.path, 'utf8')))) read++;
    console.log(`syntax scanner: ${read} of ${files.length} corpus files read without dockerfile-ast`);
    expect(read).toBeGreaterThan(files.length * 0.9);
  });

  it('reads generated Dockerfiles as dockerfile-ast does', () => {
    fc.assert(fc.property(dockerfileCase(), (c) => {
      agrees(stripBom(c.text));
    }), { numRuns: Number(process.env.FUZZ_RUNS ?? 500) });
  });

  it('reads token soups as dockerfile-ast does', () => {
    // Keywords, heredoc words, quotes, escapes, continuations and line ends in any order: the layouts real files
    // rarely have, where a port goes wrong first.
    const token = fc.constantFrom(
      'RUN ', 'COPY ', 'ADD ', 'ONBUILD RUN ', 'CMD ', 'ENV ', 'ARG ', 'LABEL ', 'HEALTHCHECK CMD ', 'run ', 'a=b ', '=',
      '<<', '<<-', '<<<', '<', 'EOF', 'E', '"EOF"', "'EOF'", '"', "'", '\\', '`', '\\\n', '`\n', ' ', '\t',
      '\n', '\r\n', '\r', '#', '# c\n', 'x', 'cat ', '--mount=type=cache ', '--x=y ', '-', ';', '$',
      '["a", "b"]', 'EOF\n', '\tEOF\n', ' EOF\n', 'ENV a=', 'RUN cat <', '<EOF', '\\\n ', '`\n ',
    );
    let read = 0;
    const runs = Number(process.env.FUZZ_RUNS ?? 2000);
    fc.assert(fc.property(fc.boolean(), fc.array(token, { maxLength: 80 }), (backtick, tokens) => {
      if (agrees(`${backtick ? '# escape=`\n' : ''}FROM x\n${tokens.join('')}`)) read++;
    }), { numRuns: runs });
    // Declining is allowed, but only for the rare layouts left to dockerfile-ast.
    expect(read).toBeGreaterThan(runs * 0.9);
  });

  it('reads awkward layouts as dockerfile-ast does', () => {
    const cases = [
      '# syntax=docker/dockerfile:1\n# escape=`\nFROM x\nRUN a `\n  b\n',
      '#escape = \\ \n\nFROM x\n',
      '# escape=\r\nFROM x\r\nRUN a \\\r\n  # c\r\n  b\r\n',
      'FROM x\nRUN a \\ \n\n  b \\\t\n  c\n',
      'FROM x\nONBUILD RUN --mount=type=cache,target=/r apt-get update\nONBUILD\n',
      'FROM x\nENV A=1 B="two words" C\\ D=3\nENV E f g\nARG H\nARG I=j k\n',
      'FROM x\nENV A="x \\"y\\"" B=\'s q\' C=a\\ b D=${E:-f g} "F"=1 \'G\'=2 H="i"j\n',
      'FROM x\nENV A=1 \\\n    # note\n    B=2 \\\n\n    C="3 \\\n 4"\nENV \\\n  D 5 \\\n  6\n',
      'FROM x\nARG A="b c"\nARG B=\nARG C=d\\ e\nARG "D"\nENV E=\\\\ F=g\\\nENV G \nENV\n',
      '# escape=`\nFROM x\nENV A=b`\n  C=d E="f`"g" H=i` j\nARG K=`$L\n',
      'FROM x\r\nENV A=1 \\\r\n  B="2 3" \\\r\n  # c\r\n  C=4\r\nARG D=5\r\n',
      'FROM x\nCMD ["a", "b\\"c", "d\\\\e"]\nENTRYPOINT [ "x" ,\\\n "y" ]\nVOLUME []\nSHELL [ ]\n',
      'FROM x\nCMD ["a \\\n b", "c\\  \n d"]\nRUN [ "a", \\ \n "b" ]\nRUN ["a\\ \r\n", "b"]\nCMD ["x\\\r\ny"]\n',
      'FROM --platform=$BUILDPLATFORM x AS b\nCOPY --from=b --chown=1:1 --link a b\nHEALTHCHECK --interval=5s CMD curl -f x\n',
      'FROM x\nRUN a--b --c\nRUN --=x y\nRUN --a= b\nCOPY --a=b=c x y\n',
      'FROM x\nRUN echo \\$HOME \\\\ \\"q\\"\n  RUN indented\n\tWORKDIR /a\\\n/b\n',
      'FROM x\nRUN a \\\n# comment\n\n  b\nRUN',
      'FROM x\nRUN a \\ b \\  c\nRU\\ N d\nRUN\\  \n  e\nRUN\\  x\nENV f=1\\ \t\nRUN g \\  # c\nRUN h \\  ',
      'FROM x\r\nRUN a \\ \r\n  b\r\nCMD c\\  \t',
      'FROM x\nEXPOSE 80/tcp 443\nUSER 1000:1000\nLABEL a=b "c d"=e\nSTOPSIGNAL SIGTERM\nMAINTAINER me\nUNKNOWN x y\n',
      'FROM x\rRUN lone cr\rRUN b\n',
      '',
      '# just a comment',
      '#\tc1\t\nFROM x\n#\t\n  # c2 \t \nRUN a \\\n  #c3\t\n  b\n',
      'FROM x\nENV a=\\\n "EOF"\tRUN \nENV b \\\n "c" d\n',
    ];
    for (const c of cases) expect(agrees(c)).toBe(true);
  });

  it('reads heredocs as dockerfile-ast does', () => {
    const cases = [
      'FROM x\nRUN <<EOF\necho hi\n# not a comment\nEOF\nRUN after\n',
      'FROM x\nRUN <<-EOT bash -e\n\tset -x\n\tEOT\nCOPY <<"A" <<\'B\' /dst/\na\nA\nb\nB\n',
      'FROM x\r\nRUN cat <<EOF > /f\r\nline\r\nEOF\r\nRUN b\r\n',
      'FROM x\nRUN <<EOF\n EOF\nEOF \nEOF\nRUN <<EOF\nno delimiter\n',
      'FROM x\nONBUILD RUN <<EOF\necho\nEOF\nONBUILD COPY <<E /e\nE\n',
      'FROM x\nRUN --mount=type=cache,target=/c <<EOF python3\nprint(1)\nEOF\n',
      'FROM x\nRUN cat <<<"here string" && cat << EOF\nRUN x <<\nRUN y <<<z\n',
      'FROM x\nCMD <<EOF\nENV A=<<B\nLABEL <<c\nRUN echo a<<b\n',
      'FROM x\nRUN a \\\n  # comment\n  <<EOF b\nbody\nEOF\n',
      'FROM x\nRUN <<EOF \\x\nbody\nEOF\nRUN <<EOF \\  \n  more\nEOF\n',
      '# escape=`\nFROM x\nRUN <<EOF `\n  cat\n$a\\\nEOF\n',
      'FROM x\nRUN <<EOF\nEOF',
      'FROM x\nRUN <<EOF\r\nbody\r\nEOF\r\n\r\nRUN <<-"X"\n\t\tX\n',
      'FROM x\nRUN <<A <<B\nA\nx\n',
      'FROM x\nRUN 3<<EOF cat\nEOF\nRUN <<"E\nE\n',
      // A line `\#x` after a continuation: dockerfile-ast's getHeredocs throws; a `<<` word anywhere counts.
      'FROM x\nRUN a \\\n\\#foo\nb\nRUN a \\\n\\#foo <<EOF\nb\nEOF\nRUN a \\\n\\#foo\nb <<EOF\n',
    ];
    for (const c of cases) expect(agrees(c)).toBe(true);
    // Names dockerfile-ast reads two ways are left to it, as are `<<` words split by a continuation.
    expect(scanSyntax('FROM x\nRUN <<E\\OF\nEOF\n')).toBeNull();
    expect(scanSyntax('# escape=`\nFROM x\nRUN <`\n<EOF\n')).toBeNull();
    expect(scanSyntax('FROM x\nRUN <<EOF;\nEOF;\n')).toBeNull();
  });
});
