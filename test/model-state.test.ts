import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../src/model/parse.js';

/** The build state each instruction starts from: variables, WORKDIR, USER. */
describe('instruction state', () => {
  it('ENV expands every value against the variables before the instruction, as Docker does', () => {
    const m = parseDockerfile('FROM debian:12\nENV abc=hello\nENV abc=bye def=$abc\nWORKDIR /$def/$abc\nRUN true\n');
    const run = m.instructions[4].state;
    expect(run.vars.def).toBe('hello');
    expect(run.vars.abc).toBe('bye');
    expect(run.workdir).toBe('/hello/bye');
  });

  it('a variable first set in an ENV is not yet set for the other values of that ENV', () => {
    const m = parseDockerfile('FROM debian:12\nENV APP=/srv DIR=${APP:-/opt}/app\nWORKDIR $DIR\nUSER ${APP:-root}\nRUN true\n');
    const run = m.instructions[4].state;
    expect(run.vars.DIR).toBe('/opt/app');
    expect(run.workdir).toBe('/opt/app');
    expect(run.user).toBe('/srv');
  });

  it('ARG defaults see the variables before the ARG', () => {
    const m = parseDockerfile('ARG V=1\nFROM debian:12\nARG V\nARG W=$V.2\nENV X=$W\nRUN true\n');
    expect(m.instructions[5].state.vars.X).toBe('1.2');
  });
});
