import { beforeAll, describe, expect, it } from 'vitest';
import { transformText } from '../src/engine.js';
import { initShell } from '../src/model/shell.js';
import { parseDockerfile } from '../src/model/parse.js';
import { unifiedDiff } from '../src/report/diff.js';
import { TRANSFORMS } from '../transforms/registry.js';

beforeAll(initShell);

// chainPolicy 'all': chain-runs joins the 2,000 RUNs below into one, the deepest && list the transforms can meet.
const all = { transforms: TRANSFORMS.filter((t) => t.defaultOn), options: { unsafeFixes: true, chainPolicy: 'all' as const } };

/** Generated files far larger than real Dockerfiles: thousands of instructions must not exhaust stack or memory. */
describe('large generated files', () => {
  it('2,000 apt RUNs chain into one && list of 8,000 commands that every transform walks', () => {
    const runs = Array.from({ length: 2000 }, (_, i) => `RUN apt-get update && apt-get install -y curl pkg${i} && rm -rf /tmp/x${i}\n`);
    const input = `FROM debian:12\n${runs.join('')}`;
    const r = transformText(input, all);
    expect(r.changed).toBe(true);
    expect(parseDockerfile(r.output).instructions.filter((i) => i.name === 'RUN').length).toBeLessThan(10);
    expect(transformText(r.output, all).changed).toBe(false);
    expect(unifiedDiff('Dockerfile', input, r.output)).toMatch(/^@@ -1,/m);
  });

  it('3,000 ENVs: each instruction sees the variables set before it', () => {
    const envs = Array.from({ length: 3000 }, (_, i) => `ENV V${i}=${i === 0 ? 'start' : `$V${i - 1}.${i}`}\n`);
    const m = parseDockerfile(`FROM debian:12\n${envs.join('')}WORKDIR /$V2\nRUN true\n`);
    const last = m.instructions[m.instructions.length - 1];
    expect(last.state.vars.V2).toBe('start.1.2');
    expect(last.state.vars.V2999.startsWith('start.1.2.3.')).toBe(true);
    expect(last.state.workdir).toBe('/start.1.2');
    expect(m.instructions[2].state.vars.V1).toBeUndefined();
    expect(transformText(`FROM debian:12\n${envs.join('')}RUN apt-get install -y curl\n`, all).changed).toBe(true);
  });

  it('variable names that are Object.prototype members are unset, not functions', () => {
    const m = parseDockerfile('ARG constructor\nFROM debian:12\nARG toString\nWORKDIR /a$constructor$toString$hasOwnProperty\nRUN true\n');
    expect(m.instructions[4].state.workdir).toBe('/a');
  });
});
