import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isDockerfileName } from '../src/runner/files.js';
import { CHAINABLE, CHAINED, changedPaths, cliEnv, CLI, ensureBuilt, makeTree, removeTrees, ROOT } from './helpers/cli.js';
import { sarifErrors } from './helpers/sarif.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
}

const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');

/** Run a hook as pre-commit does: its entry (the installed `docker-codemod` is our CLI), then the matching files. */
function runHook(hook: Hook, cwd: string, files: string[]) {
  const [cmd, ...args] = hook.entry.split(/\s+/);
  expect(cmd).toBe('docker-codemod');
  const matched = files.filter((f) => new RegExp(hook.files).test(f));
  const r = spawnSync(process.execPath, [CLI, ...args, ...matched], { cwd, env: cliEnv(), encoding: 'utf8' });
  return { ...r, matched };
}

describe('.pre-commit-hooks.yaml', () => {
  it('declares a fixing hook and a checking hook, both node, both on Dockerfile names', () => {
    expect(hooks.map((h) => h.id)).toEqual(['docker-codemod', 'docker-codemod-check']);
    for (const h of hooks) {
      expect(h).toMatchObject({ language: 'node', name: expect.any(String), entry: expect.stringMatching(/^docker-codemod\b/) });
    }
    expect(hooks[1].entry).toBe('docker-codemod --check');
  });

  it('the files pattern is the one scripts/pre-commit-pattern.mjs writes out', async () => {
    const { preCommitPattern } = await import('../scripts/pre-commit-pattern.mjs');
    for (const h of hooks) expect(h.files).toBe(preCommitPattern());
  });

  it('the files pattern picks the names directory search picks', () => {
    const names = [
      'Dockerfile', 'Dockerfile.dev', 'api.Dockerfile', 'api.dockerfile', 'Containerfile', 'Containerfile.prod',
      'README.md', 'Dockerfile/', 'notDockerfile', 'dockerfile', 'Dockerfiles', 'x.Dockerfile.bak', '.Dockerfile',
    ];
    for (const base of ['Dockerfile', 'dockerfile', 'DOCKERFILE', 'Containerfile', 'containerfile']) {
      for (const suffix of ['', '.prod', '-alpine', '.j2', '.J2', '-md', '.md', '.go', '.GO', '.py', '.dev.j2', '.', '-', '~',
        '.bak~', '.lock', '.dockerignore', '.in', '.Dockerfile', '-newest', '.sh', '.x.sh', '-x.tmpl', '.tmpl.prod']) {
        names.push(base + suffix, `api.${base}${suffix}`, `x${base}${suffix}`, `.${base}${suffix}`);
      }
    }
    for (const h of hooks) {
      const re = new RegExp(h.files);
      for (const n of names) {
        const base = n.replace(/\/$/, '');
        expect([n, re.test(`svc/${n}`)]).toEqual([n, !n.endsWith('/') && isDockerfileName(base)]);
      }
    }
  });

  it('the fixing hook fixes the staged Dockerfiles; the check hook fails until they are fixed', () => {
    const staged = ['svc/Dockerfile', 'web/app.Dockerfile', 'README.md', 'src/main.py'];
    const dir = makeTree({ 'svc/Dockerfile': CHAINABLE, 'web/app.Dockerfile': CHAINABLE, 'README.md': '# x\n', 'src/main.py': 'print(1)\n' });
    const check = runHook(hooks[1], dir, staged);
    expect(check.matched).toEqual(['svc/Dockerfile', 'web/app.Dockerfile']);
    expect(check.status).toBe(1);
    expect(read(dir, 'svc/Dockerfile')).toBe(CHAINABLE);
    const fix = runHook(hooks[0], dir, staged);
    expect(fix.status).toBe(0);
    expect(changedPaths(fix.stderr)).toEqual(['svc/Dockerfile', 'web/app.Dockerfile']);
    expect(read(dir, 'web/app.Dockerfile')).toBe(CHAINED);
    expect(runHook(hooks[1], dir, staged).status).toBe(0);
  });
});

interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  runs: { using: string; steps: Array<{ name?: string; id?: string; shell?: string; run?: string; uses?: string; if?: string; env?: Record<string, string>; with?: Record<string, string> }> };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

describe('action.yml', () => {
  it('is a composite action: name, description, inputs paths/args/sarif, steps with a shell for every run', () => {
    expect(action.name).toBe('docker-codemod');
    expect(action.description).toEqual(expect.any(String));
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['args', 'paths', 'sarif']);
    for (const input of Object.values(action.inputs)) expect(input.description).toEqual(expect.any(String));
    expect(action.runs.steps.length).toBeGreaterThan(0);
    for (const step of action.runs.steps) {
      expect(Boolean(step.run) !== Boolean(step.uses)).toBe(true);
      if (step.run) expect(step.shell).toBe('bash');
    }
    // Every input the steps use is declared.
    const used = [...JSON.stringify(action.runs).matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1]);
    for (const u of used) expect(Object.keys(action.inputs)).toContain(u);
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.if).toContain("inputs.sarif == 'true'");
  });

  /** Run the action's check step with bash, as the runner would (inputs as environment, dist already built). */
  function runCheckStep(cwd: string, inputs: { paths: string; args: string; sarif: string }) {
    const step = action.runs.steps.find((s) => s.id === 'check')!;
    const env = cliEnv({
      GITHUB_ACTION_PATH: ROOT,
      RUNNER_TEMP: cwd,
      GITHUB_OUTPUT: join(cwd, 'github-output'),
      INPUT_PATHS: inputs.paths,
      INPUT_ARGS: inputs.args,
      INPUT_SARIF: inputs.sarif,
    });
    for (const [k, v] of Object.entries(step.env!)) expect(v).toBe(`\${{ inputs.${k.replace(/^INPUT_/, '').toLowerCase()} }}`);
    return spawnSync('bash', ['-e', '-c', step.run!], { cwd, env, encoding: 'utf8' });
  }

  it('its check step annotates, fails on Dockerfiles that would change, and passes quoted globs through', () => {
    const dir = makeTree({ 'svc/Dockerfile': CHAINABLE, 'a/b/c/Dockerfile': CHAINABLE, 'web/Dockerfile': 'FROM debian\n' });
    // bash itself would expand **/Dockerfile to svc/Dockerfile and web/Dockerfile only.
    const r = runCheckStep(dir, { paths: '**/Dockerfile web', args: '-t chain-runs', sarif: 'false' });
    expect(r.status).toBe(1);
    const files = [...r.stdout.matchAll(/^::warning file=([^,]+),line=2,col=5,title=chain-runs::/gm)].map((m) => m[1]);
    expect(files).toEqual(['a/b/c/Dockerfile', 'svc/Dockerfile']);
    expect(read(dir, 'svc/Dockerfile')).toBe(CHAINABLE);
    const ok = runCheckStep(dir, { paths: 'web', args: '-t chain-runs', sarif: 'false' });
    expect(ok.status).toBe(0);
  });

  it('with sarif: true writes a valid SARIF file and names it as an output', () => {
    const dir = makeTree({ 'svc/Dockerfile': CHAINABLE });
    const r = runCheckStep(dir, { paths: '.', args: '-t chain-runs', sarif: 'true' });
    expect(r.status).toBe(1);
    const out = read(dir, 'github-output');
    expect(out).toBe(`sarif-file=${join(dir, 'docker-codemod.sarif')}\n`);
    const log = JSON.parse(read(dir, 'docker-codemod.sarif'));
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['chain-runs']);
  });
});
