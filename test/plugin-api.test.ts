import { beforeAll, describe, expect, it } from 'vitest';
import { applyEdits } from '../src/edits.js';
import { transformText } from '../src/engine.js';
import { parseDockerfile } from '../src/model/parse.js';
import { initShell } from '../src/model/shell.js';
import type { Model } from '../src/model/types.js';
import { defineTransform } from '../src/plugins/define.js';
import { edits, type FixBuilder } from '../src/plugins/fix-builder.js';
import { baseImage, commandsOf, finalStage, inFinalImage, instructionsNamed } from '../src/plugins/query.js';

beforeAll(initShell);

/** The text after the builder's recorded edits, and the touches of the fix. */
function edit(text: string, make: (b: FixBuilder, m: Model) => void): { text: string; touches: number[] } {
  const m = parseDockerfile(text);
  const b = edits(m);
  make(b, m);
  const fix = b.fix('test');
  return { text: applyEdits(text, fix.edits), touches: fix.touches };
}

const ins = (m: Model, name: string, n = 0) => instructionsNamed(m, name)[n];

describe('FixBuilder', () => {
  it('replaceImage keeps AS name and flags', () => {
    const r = edit('FROM --platform=linux/amd64 node:16 AS build\nRUN x\n', (b, m) => b.replaceImage(ins(m, 'FROM'), 'node:20'));
    expect(r.text).toBe('FROM --platform=linux/amd64 node:20 AS build\nRUN x\n');
    expect(r.touches).toEqual([0]);
  });

  it('replaceImage refuses an instruction that is not FROM', () => {
    const m = parseDockerfile('FROM a\nRUN x\n');
    expect(() => edits(m).replaceImage(ins(m, 'RUN'), 'b')).toThrow(/needs a FROM/);
  });

  it('replaceWord replaces a shell word of a RUN, and touches that RUN', () => {
    const r = edit('FROM a\nCOPY . .\nRUN apt-get install -y curl \\\n    git\n', (b, m) => {
      const git = commandsOf(ins(m, 'RUN'))[0].args.find((w) => w.value === 'git')!;
      b.replaceWord(git, 'git-core');
    });
    expect(r.text).toBe('FROM a\nCOPY . .\nRUN apt-get install -y curl \\\n    git-core\n');
    expect(r.touches).toEqual([2]);
  });

  it('replaceWord in an ONBUILD trigger touches the ONBUILD', () => {
    const r = edit('FROM a\nONBUILD RUN pip install x\n', (b, m) => {
      const onbuild = ins(m, 'ONBUILD');
      const words = commandsOf(onbuild.trigger!)[0].words;
      b.insertAfter(words[1], ' --no-cache-dir');
    });
    expect(r.text).toBe('FROM a\nONBUILD RUN pip install --no-cache-dir x\n');
    expect(r.touches).toEqual([1]);
  });

  it('insertBefore inserts before a word', () => {
    const r = edit('FROM a\nRUN curl http://x\n', (b, m) => b.insertBefore(commandsOf(ins(m, 'RUN'))[0].args[0], '-f '));
    expect(r.text).toBe('FROM a\nRUN curl -f http://x\n');
  });

  it('setFlag adds a flag after the keyword, or after the last flag, or rewrites it', () => {
    expect(edit('FROM a\nCOPY x /y\n', (b, m) => b.setFlag(ins(m, 'COPY'), 'chown', 'app')).text).toBe('FROM a\nCOPY --chown=app x /y\n');
    expect(edit('FROM a\ncopy --link x /y\n', (b, m) => b.setFlag(ins(m, 'COPY'), '--chown', 'app')).text).toBe('FROM a\ncopy --link --chown=app x /y\n');
    expect(edit('FROM a\nCOPY --chown=root x /y\n', (b, m) => b.setFlag(ins(m, 'COPY'), 'chown', '1000')).text).toBe('FROM a\nCOPY --chown=1000 x /y\n');
    expect(edit('FROM a\nCOPY x /y\n', (b, m) => b.setFlag(ins(m, 'COPY'), 'link', null)).text).toBe('FROM a\nCOPY --link x /y\n');
  });

  it('insertLineBefore and insertLineAfter keep indentation, EOL and keyword case', () => {
    const crlf = 'from a\r\n  run x\r\n  run y\r\n';
    expect(edit(crlf, (b, m) => b.insertLineBefore(ins(m, 'RUN', 1), 'USER app')).text).toBe('from a\r\n  run x\r\n  user app\r\n  run y\r\n');
    expect(edit(crlf, (b, m) => b.insertLineAfter(ins(m, 'RUN', 0), 'ENV A=1\nWORKDIR /w')).text).toBe(
      'from a\r\n  run x\r\n  env A=1\r\n  workdir /w\r\n  run y\r\n',
    );
  });

  it('insertLineAfter the last instruction of a file without a final line break adds one before the line', () => {
    expect(edit('FROM a\nRUN x', (b, m) => b.insertLineAfter(ins(m, 'RUN'), 'USER app')).text).toBe('FROM a\nRUN x\nUSER app');
  });

  it('insertLineAfter a continued instruction goes after its last line', () => {
    expect(edit('FROM a\nRUN x \\\n  && y\nCMD z\n', (b, m) => b.insertLineAfter(ins(m, 'RUN'), 'user app')).text).toBe(
      'FROM a\nRUN x \\\n  && y\nUSER app\nCMD z\n',
    );
  });

  it('appendCommand follows the file: && position, indentation, escape character', () => {
    const leading = 'FROM a\nRUN apt-get update \\\n    && apt-get install -y x\n';
    expect(edit(leading, (b, m) => expect(b.appendCommand(ins(m, 'RUN'), 'rm -rf /var/lib/apt/lists/*')).toBeNull()).text).toBe(
      'FROM a\nRUN apt-get update \\\n    && apt-get install -y x \\\n    && rm -rf /var/lib/apt/lists/*\n',
    );
    const backtick = '# escape=`\r\nFROM a\r\nRUN a && `\r\n  b\r\n';
    expect(edit(backtick, (b, m) => b.appendCommand(ins(m, 'RUN'), 'c')).text).toBe('# escape=`\r\nFROM a\r\nRUN a && `\r\n  b && `\r\n  c\r\n');
    expect(edit('FROM a\nRUN x\n', (b, m) => b.appendCommand(ins(m, 'RUN'), 'y')).text).toBe('FROM a\nRUN x && y\n');
  });

  it('appendCommand says why it cannot append, and records nothing', () => {
    const m = parseDockerfile('FROM a\nRUN ["sh", "-c", "x"]\nRUN x; exit 0\nCMD y\n');
    const b = edits(m);
    expect(b.appendCommand(ins(m, 'RUN', 0), 'y')).toMatch(/exec \(JSON\) form/);
    expect(b.appendCommand(ins(m, 'RUN', 1), 'y')).toMatch(/ends with `exit`/);
    expect(b.appendCommand(ins(m, 'CMD'), 'y')).toMatch(/not a RUN/);
    expect(b.empty).toBe(true);
  });

  it('removeInstruction removes its lines', () => {
    expect(edit('FROM a\r\nRUN x \\\r\n  y\r\nCMD z\r\n', (b, m) => b.removeInstruction(ins(m, 'RUN'))).text).toBe('FROM a\r\nCMD z\r\n');
    expect(edit('FROM a\nCMD z', (b, m) => b.removeInstruction(ins(m, 'CMD'))).text).toBe('FROM a\n');
  });

  it('replaceInstruction writes the keyword in the file\'s case', () => {
    expect(edit('from a\n  maintainer me\n', (b, m) => b.replaceInstruction(ins(m, 'MAINTAINER'), 'LABEL maintainer="me"')).text).toBe(
      'from a\n  label maintainer="me"\n',
    );
  });

  it('fix collects touches once, in order, takes the first touched line, and empties the builder', () => {
    const m = parseDockerfile('FROM a\nRUN x\nRUN y\n');
    const b = edits(m);
    b.appendCommand(ins(m, 'RUN', 1), 'z');
    b.appendCommand(ins(m, 'RUN', 0), 'z');
    b.insertLineAfter(ins(m, 'RUN', 0), 'USER app');
    const fix = b.fix('two', { tier: 'unsafe', unsafeReason: 'why' });
    expect(fix).toMatchObject({ message: 'two', line: 2, touches: [1, 2], tier: 'unsafe', unsafeReason: 'why' });
    expect(fix.edits).toHaveLength(3);
    expect(b.empty).toBe(true);
    expect(() => b.fix('none')).toThrow(/no edits/);
    expect(edits(m).appendCommand(ins(m, 'RUN', 0), 'z') ?? 'ok').toBe('ok');
  });
});

describe('defineTransform', () => {
  const run = () => ({ fixes: [], skips: [] });

  it('fills defaults', () => {
    const t = defineTransform({ id: 'my-fix', description: 'd', tier: 'safe', run });
    expect(t).toMatchObject({ id: 'my-fix', description: 'd', tier: 'safe', hadolint: [], defaultOn: true });
    expect(defineTransform({ id: 'x2', description: 'd', tier: 'unsafe', defaultOn: false, run }).defaultOn).toBe(false);
  });

  it('refuses bad ids, tiers, descriptions and run', () => {
    expect(() => defineTransform({ id: 'My_Fix', description: 'd', tier: 'safe', run })).toThrow(/not kebab-case/);
    expect(() => defineTransform({ id: 'a', description: 'd', tier: 'risky' as 'safe', run })).toThrow(/use 'safe' or 'unsafe'/);
    expect(() => defineTransform({ id: 'a', description: ' ', tier: 'safe', run })).toThrow(/needs a description/);
    expect(() => defineTransform({ id: 'a', description: 'd', tier: 'safe' } as never)).toThrow(/needs a run/);
  });

  it('checks what run returns, so a malformed result fails naming the transform', () => {
    const bad = (result: unknown) => defineTransform({ id: 'bad', description: 'd', tier: 'safe', run: () => result as never });
    const run1 = (result: unknown) => () => transformText('FROM a\n', { transforms: [bad(result)] });
    expect(run1(undefined)).toThrow("transform 'bad' failed: run must return { fixes: [...], skips: [...] }");
    expect(run1({ fixes: [{ message: 'm', line: 1, edits: [] }], skips: [] })).toThrow("transform 'bad' failed: fix 'm' needs edits and touches");
    expect(run1({ fixes: [{ message: 'm', line: 1, edits: [{ start: 5, end: 2, text: '' }], touches: [0] }], skips: [] })).toThrow(
      "fix 'm' has an edit without a valid start and end",
    );
    expect(run1({ fixes: [], skips: [{ line: 1 }] })).toThrow('a skip needs a reason and a line');
    expect(run1({ fixes: [], skips: [] })().output).toBe('FROM a\n');
  });

  it('runs in the engine like a built-in, with touches from the builder', () => {
    const t = defineTransform({
      id: 'bump',
      description: 'd',
      tier: 'safe',
      run(m) {
        const b = edits(m);
        const from = ins(m, 'FROM');
        return { fixes: from.args[0].value === 'node:16' ? [b.replaceImage(from, 'node:20').fix('bumped')] : [], skips: [] };
      },
    });
    const r = transformText('FROM node:16\r\nRUN x\r\n', { transforms: [t] });
    expect(r.output).toBe('FROM node:20\r\nRUN x\r\n');
    expect(r.fixes).toMatchObject([{ transform: 'bump', message: 'bumped', line: 1, tier: 'safe' }]);
  });
});

describe('engine errors name the transform', () => {
  it('an edit of an instruction left out of touches', () => {
    const t = defineTransform({
      id: 'bump-node',
      description: 'd',
      tier: 'safe',
      run(m) {
        const from = ins(m, 'FROM', 1);
        if (from.args[0].value !== 'node:16') return { fixes: [], skips: [] };
        const a = from.args[0];
        return { fixes: [{ message: 'm', line: from.line, edits: [{ start: a.start, end: a.end, text: 'node:20' }], touches: [] }], skips: [] };
      },
    });
    expect(() => transformText('FROM a AS x\nRUN y\nFROM node:16\n', { transforms: [t] })).toThrow(
      "transform 'bump-node' changed the instruction on line 3 but did not list it in touches; use the edit helpers or add its index",
    );
  });

  it('a transform that throws', () => {
    const t = defineTransform({ id: 'boom', description: 'd', tier: 'safe', run: () => { throw new Error('bad model'); } });
    expect(() => transformText('FROM a\n', { transforms: [t] })).toThrow("transform 'boom' failed: bad model");
  });
});

describe('query helpers', () => {
  const m = () => parseDockerfile('ARG V=3.12\nFROM python:${V} AS base\nFROM base AS app\nRUN sudo pip install x && /usr/bin/env A=1 apt-get -y install y\nFROM alpine AS tools\nFROM app\n');

  it('finalStage, inFinalImage, baseImage through ARG and earlier stages', () => {
    const model = m();
    expect(finalStage(model).index).toBe(3);
    expect(baseImage(finalStage(model))).toBe('python:3.12');
    expect(baseImage(model.stages[2])).toBe('alpine');
    expect(model.stages.map((s) => inFinalImage(s.from))).toEqual([true, true, false, true]);
  });

  it('commandsOf gives commands after wrappers, with their words', () => {
    const cmds = commandsOf(ins(m(), 'RUN'));
    expect(cmds.map((c) => c.name)).toEqual(['pip', 'apt-get']);
    expect(cmds[1].words.map((w) => w.value)).toEqual(['apt-get', '-y', 'install', 'y']);
    expect(commandsOf(parseDockerfile('FROM a\nRUN ["x"]\n').instructions[1])).toEqual([]);
  });
});
