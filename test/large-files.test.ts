import { applyPatch } from 'diff';
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

  /** Milliseconds `f` takes, and its result. */
  const timed = <T>(f: () => T): [number, T] => {
    const t = performance.now();
    const r = f();
    return [performance.now() - t, r];
  };

  it('4,000 nested WORKDIRs before a pip install (once over a minute)', () => {
    const input = `FROM python:3\n${'WORKDIR a\n'.repeat(4000)}COPY . .\nRUN pip install -r requirements.txt\n`;
    const context = { exists: (p: string) => p === 'requirements.txt', readText: (p: string) => (p === 'requirements.txt' ? 'flask\n' : null) };
    const [ms, r] = timed(() => transformText(input, { ...all, context }));
    expect(ms).toBeLessThan(20_000);
    expect(r.fixes.map((f) => f.transform).sort()).toEqual(['deps-copy-first', 'pip-no-cache-dir']);
  });

  it('one RUN of 12,500 pip installs joined by && (once over a minute)', () => {
    const input = `FROM python:3\nRUN ${Array(12_500).fill('pip install x').join(' && ')}\n`;
    const [ms, r] = timed(() => transformText(input, all));
    expect(ms).toBeLessThan(30_000);
    expect(r.fixes.filter((f) => f.transform === 'pip-no-cache-dir')).toHaveLength(12_500);
  });

  it('an exec-form RUN of 80,000 " apt-get" words (once over a minute)', () => {
    const input = `FROM debian\nRUN [${Array(80_000).fill('" apt-get"').join(',')}]\n`;
    const [ms, r] = timed(() => transformText(input, all));
    expect(ms).toBeLessThan(10_000);
    expect(r.changed).toBe(false);
  });

  it('10,000 RUNs of a stage, each an apt install (once seconds: every install looked through the RUNs before it)', () => {
    const input = `FROM debian\n${Array.from({ length: 10_000 }, (_, i) => `USER u${i}\nRUN apt-get install -y c${i}\n`).join('')}`;
    const [ms, r] = timed(() => transformText(input, all));
    expect(ms).toBeLessThan(30_000);
    expect(r.fixes.filter((f) => f.transform === 'apt-no-install-recommends')).toHaveLength(10_000);
  });

  it('the diff of 20,000 lines with 1,539 edits: one hunk past a budget (once seconds in the main thread), a valid patch', () => {
    const before = Array.from({ length: 20_000 }, (_, i) => `RUN apt-get install -y c${i}\n`).join('');
    const after = before.replace(/install -y c(\d+)/g, (m, n: string) => (Number(n) % 13 === 0 ? `install --no-install-recommends -y c${n}` : m));
    const [ms, diff] = timed(() => unifiedDiff('Dockerfile', before, after));
    expect(ms).toBeLessThan(10_000);
    expect(diff.match(/^@@/gm)).toHaveLength(1);
    expect(applyPatch(before, diff)).toBe(after);
  });

  it('an ENV that doubles a value again and again is refused, not a crash', () => {
    const input = `FROM debian\nENV A=x\n${'ENV A=$A$A\n'.repeat(40)}RUN apt-get install -y curl\n`;
    expect(() => transformText(input, all)).toThrow(/variables expand to over 1 MiB of text/);
  });

  it('10,000 stages, each built FROM the one before; a repeated name means its first stage', () => {
    const input = `FROM debian AS s0\n${Array.from({ length: 10_000 }, (_, i) => `FROM s${i} AS s${i + 1}\nRUN true\n`).join('')}FROM debian AS s5\nFROM s5\n`;
    const [ms, m] = timed(() => parseDockerfile(input));
    expect(ms).toBeLessThan(20_000);
    expect(m.stages[10_000].baseStage).toBe(m.stages[9999]);
    expect(m.stages[10_002].baseStage).toBe(m.stages[5]);
  });

  it('variable names that are Object.prototype members are unset, not functions', () => {
    const m = parseDockerfile('ARG constructor\nFROM debian:12\nARG toString\nWORKDIR /a$constructor$toString$hasOwnProperty\nRUN true\n');
    expect(m.instructions[4].state.workdir).toBe('/a');
  });
});
