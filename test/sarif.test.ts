import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSFORMS } from '../transforms/registry.js';
import { ensureBuilt, makeTree, removeTrees, ROOT, runCli } from './helpers/cli.js';
import { sarifErrors } from './helpers/sarif.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

/** Debian bullseye: no package data, so apt-no-install-recommends offers an unsafe fix. */
const APT = 'FROM debian:bullseye\nRUN apt-get update\nRUN apt-get install -y curl\nCMD ["curl"]\n';

/** Apply a result's replacements (charOffset/charLength on the input), last first. */
function applyFix(input: string, fix: Sarif.Fix): string {
  const reps = fix.artifactChanges[0].replacements.map((r) => ({
    offset: r.deletedRegion.charOffset!,
    length: r.deletedRegion.charLength!,
    text: r.insertedContent?.text ?? '',
  }));
  let text = input;
  for (const r of reps.sort((a, b) => b.offset - a.offset)) text = text.slice(0, r.offset) + r.text + text.slice(r.offset + r.length);
  return text;
}

describe('--format sarif', () => {
  it('is valid SARIF 2.1.0: one run, a rule per transform, a result per fix with its input line and column', () => {
    const dir = makeTree({ 'svc/Dockerfile': APT, 'bad/Dockerfile': 'RUN x\n' });
    const r = runCli(['--check', '--format', 'sarif'], { cwd: dir });
    expect(r.status).toBe(2);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    expect(sarifErrors(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(run.tool.driver).toMatchObject({ name: 'docker-codemod', version: pkg.version });
    expect(run.tool.driver.rules!.map((x) => x.id)).toEqual(TRANSFORMS.map((t) => t.id));
    const chain = run.tool.driver.rules!.find((x) => x.id === 'chain-runs')!;
    expect(chain.properties).toMatchObject({ hadolint: ['DL3059'], tier: 'safe' });
    expect(chain.shortDescription!.text).toBe(TRANSFORMS.find((t) => t.id === 'chain-runs')!.description);

    const results = run.results!;
    const summary = results.map((x) => [x.ruleId, x.level, x.properties!.applied, x.locations![0].physicalLocation!.region!.startLine]);
    expect(summary).toEqual([
      ['chain-runs', 'warning', true, 2],
      ['apt-clean-lists', 'warning', true, 2],
      ['apt-no-install-recommends', 'note', false, 3],
      ['non-root-user', 'note', false, 4],
    ]);
    for (const x of results) {
      expect(x.locations![0].physicalLocation!.artifactLocation!.uri).toBe('svc/Dockerfile');
      expect(run.tool.driver.rules![x.ruleIndex!].id).toBe(x.ruleId);
    }
    expect(results[0].locations![0].physicalLocation!.region!.startColumn).toBe(5);
    expect(results[2].properties!.tier).toBe('unsafe');
    expect(results[2].message.text).toContain('unsafe fix, not applied');

    // The file's change rides on its first result, and turns the input into what a write makes of it.
    expect(results.slice(1).every((x) => x.fixes === undefined)).toBe(true);
    const fixed = applyFix(APT, results[0].fixes![0]);
    expect(runCli(['-'], { cwd: dir, input: APT }).stdout).toBe(fixed);

    // A file that could not be processed is a notification, and the run is not a success.
    const inv = run.invocations![0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'error', message: { text: expect.stringContaining('no FROM') } }),
    ]);
    // stdout holds only the document.
    expect(r.stdout.trim().startsWith('{')).toBe(true);
  });

  it('keeps CRLF and a missing final newline in replacements; with --unsafe-fixes every fix is a warning', () => {
    const crlf = APT.replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    const dir = makeTree({ 'Dockerfile': crlf });
    const r = runCli(['--dry-run', '--format', 'sarif', '--unsafe-fixes'], { cwd: dir });
    expect(r.status).toBe(0);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    expect(sarifErrors(log)).toEqual([]);
    const results = log.runs[0].results!;
    expect(results.map((x) => x.level)).toEqual(results.map(() => 'warning'));
    expect(results.map((x) => x.properties!.tier)).toContain('unsafe');
    const written = makeTree({ 'Dockerfile': crlf });
    runCli(['--unsafe-fixes'], { cwd: written });
    expect(applyFix(crlf, results[0].fixes![0])).toBe(readFileSync(join(written, 'Dockerfile'), 'utf8'));
  });

  it('is valid with nothing to report, and names odd paths as URI references', () => {
    const dir = makeTree({ 'my dir/Dockerfile#1': 'FROM debian\nRUN a\nRUN b\n', 'ok/Dockerfile': 'FROM debian\n' });
    const r = runCli(['--check', '--format', 'sarif', '-t', 'chain-runs', 'ok', 'my dir/Dockerfile#1'], { cwd: dir });
    const log = JSON.parse(r.stdout) as Sarif.Log;
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0].results!.map((x) => x.locations![0].physicalLocation!.artifactLocation!.uri)).toEqual(['my%20dir/Dockerfile%231']);
    const empty = JSON.parse(runCli(['--check', '--format', 'sarif', 'ok'], { cwd: dir }).stdout) as Sarif.Log;
    expect(sarifErrors(empty)).toEqual([]);
    expect(empty.runs[0].results).toEqual([]);
    expect(empty.runs[0].invocations![0].executionSuccessful).toBe(true);
  });

  it('the schema check is not vacuous: it rejects a broken document', () => {
    expect(sarifErrors({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).not.toEqual([]);
    expect(sarifErrors({ version: '2.0.0', runs: [] })).not.toEqual([]);
    expect(sarifErrors({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'loud' }] }] })).not.toEqual([]);
  });
});
