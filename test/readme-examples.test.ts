import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI, cliEnv, ensureBuilt, makeTree, removeTrees, ROOT } from './helpers/cli.js';
import { sarifErrors } from './helpers/sarif.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

/** The fenced block between `<!-- example: name -->` and `<!-- /example -->` in README.md. */
function example(name: string): { lang: string; body: string } {
  const m = new RegExp(`<!-- example: ${name} -->\\n\`\`\`(\\w+)\\n([\\s\\S]*?)\`\`\`\\n<!-- /example -->`).exec(README);
  if (!m) throw new Error(`README.md has no example ${name}`);
  return { lang: m[1], body: m[2] };
}

/** The Dockerfile the console examples work on. */
const API = 'FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\nUSER nobody\nCMD ["curl", "--version"]\n';

/** A directory holding a `docker-codemod` command that runs this checkout's CLI. */
function binDir(): string {
  const bin = makeTree();
  writeFileSync(join(bin, 'docker-codemod'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'docker-codemod'), 0o755);
  return bin;
}

/** Run bash `script` in `cwd` with docker-codemod on PATH, stderr merged into stdout as a terminal shows them. */
function bash(script: string, cwd: string) {
  const env = cliEnv({ PATH: `${binDir()}:${process.env.PATH}` });
  return spawnSync('bash', ['-c', `exec 2>&1\n${script}`], { cwd, env, encoding: 'utf8' });
}

/** Run a console block (`$ command` lines, each followed by what it prints) and compare what it prints. */
function runConsole(name: string): string {
  const { lang, body } = example(name);
  expect(lang).toBe('console');
  const lines = body.split('\n').slice(0, -1);
  const commands = lines.filter((l) => l.startsWith('$ ')).map((l) => l.slice(2));
  const expected = lines.filter((l) => !l.startsWith('$ ')).map((l) => l + '\n').join('');
  const dir = makeTree({ 'services/api/Dockerfile': API });
  const r = bash(commands.join('\n'), dir);
  expect(r.stdout).toBe(expected);
  return dir;
}

describe('README examples', () => {
  it('Output formats: the console session prints what it shows, and writes valid SARIF', () => {
    const dir = runConsole('formats');
    expect(sarifErrors(JSON.parse(readFileSync(join(dir, 'docker-codemod.sarif'), 'utf8')))).toEqual([]);
  });

  it('Exit codes: the console session prints what it shows', () => {
    runConsole('exit-codes');
  });

  it('Install, pre-commit: the hook config runs its entry on the Dockerfiles its pattern picks', () => {
    const { lang, body } = example('pre-commit');
    expect(lang).toBe('yaml');
    const config = parse(body) as { repos: Array<{ repo: string; hooks: Array<Record<string, unknown>> }> };
    const hook = config.repos[0].hooks[0] as { id: string; entry: string; language: string; files: string; additional_dependencies: string[] };
    expect(config.repos[0].repo).toBe('local');
    expect(hook.language).toBe('node');
    expect(hook.additional_dependencies).toEqual([`docker-codemod@${pkg.version}`]);
    // The same hook as the repository's own .pre-commit-hooks.yaml declares.
    const own = (parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>).find((h) => h.id === hook.id)!;
    expect({ entry: hook.entry, files: hook.files, language: hook.language }).toEqual({ entry: own.entry, files: own.files, language: own.language });
    const staged = ['services/api/Dockerfile', 'README.md'].filter((f) => new RegExp(hook.files).test(f));
    expect(staged).toEqual(['services/api/Dockerfile']);
    const dir = makeTree({ 'services/api/Dockerfile': API, 'README.md': '# x\n' });
    const r = bash(`${hook.entry} ${staged.join(' ')}`, dir);
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'services/api/Dockerfile'), 'utf8')).not.toBe(API);
  });

  it('Install, GitHub Actions: the workflow uses the action with its inputs, and its npx step runs', () => {
    const { lang, body } = example('workflow');
    expect(lang).toBe('yaml');
    const wf = parse(body) as { jobs: Record<string, { steps: Array<{ uses?: string; run?: string; with?: Record<string, unknown> }> }> };
    const steps = Object.values(wf.jobs)[0].steps;
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
    const use = steps.find((s) => s.uses?.includes('/docker-codemod@'))!;
    expect(use.uses).toBe(`OWNER/docker-codemod@v${pkg.version}`);
    for (const k of Object.keys(use.with ?? {})) expect(Object.keys(action.inputs)).toContain(k);
    const npx = steps.find((s) => s.run?.startsWith('npx '))!;
    const prefix = `npx --yes docker-codemod@${pkg.version} `;
    expect(npx.run!.startsWith(prefix)).toBe(true);
    const dir = makeTree({ 'services/api/Dockerfile': API });
    const r = bash(`docker-codemod ${npx.run!.slice(prefix.length)}`, dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::warning file=services\/api\/Dockerfile,line=2,col=5,title=chain-runs::/m);
  });
});
