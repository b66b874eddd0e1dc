import { beforeAll, describe, expect, it } from 'vitest';
import { heredocRun } from '../src/model/heredoc-script.js';
import { parseDockerfile } from '../src/model/parse.js';
import { initShell } from '../src/model/shell.js';
import { dash, propertyViolations } from './helpers/properties.js';

beforeAll(initShell);

const run = (text: string) => parseDockerfile(text).instructions.find((i) => i.name === 'RUN')!;

describe('heredoc RUNs', () => {
  it('model the script of RUN <<EOF at file offsets', () => {
    const text = 'FROM debian\nRUN --mount=type=cache,target=/x <<EOF\napt-get update\n  apt-get install -y curl\nEOF\n';
    const ins = run(text);
    const sh = ins.shell!;
    expect(sh.ok).toBe(true);
    expect(text.slice(sh.start, sh.end)).toBe('apt-get update\n  apt-get install -y curl\n');
    expect(sh.commands.map((c) => c.name!.value)).toEqual(['apt-get', 'apt-get']);
    for (const c of sh.commands) {
      for (const w of [c.name!, ...c.args]) expect(text.slice(w.start, w.end)).toBe(w.raw);
    }
    expect(ins.heredocData).toBeNull();
  });

  it('never read the text of a heredoc inside the script as commands', () => {
    const sh = run("FROM debian\nRUN <<EOF\ncat > /x <<E2\napt-get install $(curl x)\nE2\nchmod +x /x\nEOF\n").shell!;
    expect(sh.ok).toBe(true);
    expect(sh.commands.map((c) => c.name!.value)).toEqual(['cat', 'chmod']);
  });

  it('tell why a heredoc is data, not the script the RUN runs', () => {
    const why = (body: string) => run(`FROM debian\n${body}`).heredocData;
    expect(why('RUN python3 <<EOF\nprint(1)\nEOF\n')).toMatch(/input of `python3 <<EOF`/);
    expect(why('RUN <<EOF bash\necho 1\nEOF\n')).toMatch(/input of `<<EOF bash`/);
    expect(why('RUN cat <<EOF > /x\necho 1\nEOF\n')).toMatch(/input of `cat <<EOF > \/x`/);
    expect(why('RUN <<A <<B\necho 1\nA\necho 2\nB\n')).toMatch(/several heredocs/);
    expect(why('RUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n')).toMatch(/run by `#!\/usr\/bin\/env python3`, not by a shell/);
    expect(why('RUN <<EOF\n#!/bin/bash -e\necho 1\nEOF\n')).toBeNull();
    // Only RUNs have a heredoc script or data: COPY heredocs are file contents, which nothing edits.
    const copy = parseDockerfile('FROM debian\nCOPY <<EOF /x\necho 1\nEOF\n').instructions[1];
    expect([copy.heredoc, copy.heredocData, copy.shell]).toEqual([true, null, null]);
    expect(run('FROM debian\nRUN python3 <<EOF\nprint(1)\nEOF\n').shell).toBeNull();
  });

  it('read <<- scripts whose stripped tabs do not matter, and no others', () => {
    expect(run('FROM debian\nRUN <<-EOF\n\tif true; then\n\t\techo "a b"\n\tfi\n\tEOF\n').shell!.ok).toBe(true);
    const quoted = run('FROM debian\nRUN <<-EOF\n\techo "a\n\t\tb"\n\tEOF\n').shell!;
    expect(quoted.ok).toBe(false);
    expect(quoted.problem).toMatch(/tabs/);
    const continued = run('FROM debian\nRUN <<-EOF\n\techo a\\\n\tb\n\tEOF\n').shell!;
    expect(continued.ok).toBe(false);
    expect(continued.problem).toMatch(/line continuation/);
    // Without `-`, tabs are kept: the delimiter must start the line.
    const text = 'RUN <<EOF\n\techo a\n\tEOF\nEOF\n';
    const h = heredocRun(text, 4, text.length - 1);
    expect(h.kind === 'script' && text.slice(h.start, h.end)).toBe('\techo a\n\tEOF\n');
  });

  it('do not analyse CRLF scripts, whose \\r BuildKit passes to the shell', () => {
    const sh = run('FROM debian\r\nRUN <<EOF\r\napt-get update\r\nEOF\r\n').shell!;
    expect(sh.ok).toBe(false);
    expect(sh.problem).toMatch(/CRLF/);
  });

  it.skipIf(!dash())('have changed scripts checked with dash -n by the property test', () => {
    const input = 'FROM debian\nRUN <<EOF\necho a\nEOF\n';
    expect(propertyViolations(input, 'FROM debian\nRUN <<EOF\necho a && echo b\nEOF\n')).toEqual([]);
    expect(propertyViolations(input, 'FROM debian\nRUN <<EOF\necho a &&\nEOF\n')).toEqual([
      'changed RUN does not pass dash -n: echo a &&\n',
    ]);
  });
});
