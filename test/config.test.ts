import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFor } from '../src/config/resolve.js';
import { checkConfig, ConfigError } from '../src/config/settings.js';
import { CHAINABLE, ensureBuilt, makeTree, removeTrees, runCli, type CliRunOptions } from './helpers/cli.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

/** apt-clean-lists and pip-no-cache-dir fix it; apt-no-install-recommends offers an unsafe fix (bullseye: no Debian data). */
const APT_PIP = 'FROM debian:bullseye\nRUN apt-get update && apt-get install -y make\n\nRUN pip install x\n';
/** A final image non-root-user gives a user (an unsafe fix). */
const APP = 'FROM python:3.12-slim\nCOPY app.py /srv/app.py\nCMD ["python", "/srv/app.py"]\n';

/** A tree with a `.git` directory at its top, so that config searches stop there. */
function repo(files: Record<string, string>): string {
  const dir = makeTree(files);
  mkdirSync(join(dir, '.git'));
  return dir;
}

interface Seen {
  /** Transforms whose fixes would be applied, per file. */
  fixes: Record<string, string[]>;
  /** Transforms with unsafe fixes left out, per file. */
  unsafe: Record<string, string[]>;
  status: number | null;
  stderr: string;
}

/** A --dry-run --format json run: which transforms fixed what. */
function seen(args: string[], opts: CliRunOptions): Seen {
  const r = runCli(['--dry-run', '--format', 'json', ...args], opts);
  expect(r.status, r.stderr).toBe(0);
  const fixes: Record<string, string[]> = {};
  const unsafe: Record<string, string[]> = {};
  {
    const doc = JSON.parse(r.stdout) as { files: Array<{ path: string; fixes: Array<{ transform: string }>; unsafe: Array<{ transform: string }> }> };
    for (const f of doc.files) {
      fixes[f.path] = [...new Set(f.fixes.map((x) => x.transform))].sort();
      unsafe[f.path] = [...new Set(f.unsafe.map((x) => x.transform))].sort();
    }
  }
  return { fixes, unsafe, status: r.status, stderr: r.stderr };
}

const writeConfig = (dir: string, path: string, config: unknown) => writeFileSync(join(dir, path), JSON.stringify(config));

describe('settings', () => {
  it('without a config: the defaults', () => {
    const dir = repo({ Dockerfile: APT_PIP });
    const s = seen([], { cwd: dir });
    expect(s.fixes.Dockerfile).toContain('apt-clean-lists');
    expect(s.fixes.Dockerfile).toContain('pip-no-cache-dir');
    expect(s.unsafe.Dockerfile).toEqual(['apt-no-install-recommends']);
  });

  it('transforms: only these run', () => {
    const dir = repo({ Dockerfile: APT_PIP, 'docker-codemod.config.json': JSON.stringify({ transforms: ['pip-no-cache-dir'] }) });
    const s = seen([], { cwd: dir });
    expect(s.fixes.Dockerfile).toEqual(['pip-no-cache-dir']);
    expect(s.unsafe.Dockerfile).toEqual([]);
  });

  it('skip: these do not run', () => {
    const dir = repo({ Dockerfile: APT_PIP, 'docker-codemod.config.json': JSON.stringify({ skip: ['pip-no-cache-dir', 'apt-no-install-recommends'] }) });
    const s = seen([], { cwd: dir });
    expect(s.fixes.Dockerfile).toContain('apt-clean-lists');
    expect(s.fixes.Dockerfile).not.toContain('pip-no-cache-dir');
    expect(s.unsafe.Dockerfile).toEqual([]);
  });

  it('unsafe-fixes: unsafe fixes are applied', () => {
    const dir = repo({ Dockerfile: APT_PIP, '.docker-codemodrc.json': JSON.stringify({ 'unsafe-fixes': true }) });
    const s = seen([], { cwd: dir });
    expect(s.fixes.Dockerfile).toContain('apt-no-install-recommends');
    expect(s.unsafe.Dockerfile).toEqual([]);
  });

  it('user and uid: the user non-root-user creates', () => {
    const dir = repo({ Dockerfile: APP, 'app.py': '', 'docker-codemod.config.json': JSON.stringify({ 'unsafe-fixes': true, user: 'svc', uid: 10001 }) });
    const r = runCli(['--dry-run', '-t', 'non-root-user'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('useradd --system --no-log-init --uid 10001 --gid svc --create-home svc');
    expect(r.stdout).toContain('+USER 10001:10001');
    // The command line wins.
    const cli = runCli(['--dry-run', '-t', 'non-root-user', '--user', 'web'], { cwd: dir });
    expect(cli.stdout).toContain('--gid web --create-home web');
  });

  it('chain: sets the chain-runs policy', () => {
    const config = checkConfig({ chain: 'all' }, '/r/c.json', '/r', 'c.json');
    expect(planFor({ options: {} }, config, null, '/r/Dockerfile').options.chainPolicy).toBe('all');
    expect(planFor({ options: { chainPolicy: 'gain' } }, config, null, '/r/Dockerfile').options.chainPolicy).toBe('gain');
    expect(planFor({ options: {} }, null, null, '/r/Dockerfile').options).toEqual({ user: 'app' });
  });

  it('a package.json "docker-codemod" key, and a .mjs config', () => {
    const dir = repo({ Dockerfile: APT_PIP, 'package.json': JSON.stringify({ name: 'x', 'docker-codemod': { transforms: ['pip-no-cache-dir'] } }) });
    expect(seen([], { cwd: dir }).fixes.Dockerfile).toEqual(['pip-no-cache-dir']);
    const mjs = repo({ Dockerfile: APT_PIP, 'docker-codemod.config.mjs': "export default { transforms: ['apt-clean-lists'] };\n" });
    expect(seen([], { cwd: mjs }).fixes.Dockerfile).toEqual(['apt-clean-lists']);
  });

  it('a package.json without the key is passed over', () => {
    const dir = repo({ 'svc/Dockerfile': APT_PIP, 'svc/package.json': '{"name":"svc"}', 'docker-codemod.config.json': JSON.stringify({ transforms: ['pip-no-cache-dir'] }) });
    expect(seen([], { cwd: dir }).fixes['svc/Dockerfile']).toEqual(['pip-no-cache-dir']);
  });
});

describe('exclude', () => {
  it('config exclude: globs relative to the config file, in searches and globs, not for files named', () => {
    const dir = repo({
      'Dockerfile': APT_PIP,
      'gen/Dockerfile': APT_PIP,
      'svc/a.generated.Dockerfile': APT_PIP,
      'svc/Dockerfile': APT_PIP,
      'docker-codemod.config.json': JSON.stringify({ exclude: ['gen', '*.generated.Dockerfile'] }),
    });
    expect(Object.keys(seen(['.'], { cwd: dir }).fixes)).toEqual(['Dockerfile', 'svc/Dockerfile']);
    expect(Object.keys(seen(['**/*Dockerfile'], { cwd: dir }).fixes)).toEqual(['Dockerfile', 'svc/Dockerfile']);
    // From a subdirectory: still relative to the config's directory.
    expect(Object.keys(seen(['.'], { cwd: join(dir, 'svc') }).fixes)).toEqual(['Dockerfile']);
    // A file named on the command line is processed.
    expect(Object.keys(seen(['gen/Dockerfile'], { cwd: dir }).fixes)).toEqual(['gen/Dockerfile']);
  });

  it('--exclude: relative to the current directory, repeatable', () => {
    const dir = repo({ 'a/Dockerfile': APT_PIP, 'b/Dockerfile': APT_PIP, 'c/x/Dockerfile': APT_PIP });
    expect(Object.keys(seen(['--exclude', 'a', '--exclude', 'c/**', '.'], { cwd: dir }).fixes)).toEqual(['b/Dockerfile']);
    expect(Object.keys(seen(['--exclude', 'x', '.'], { cwd: join(dir, 'c') }).fixes)).toEqual([]);
    expect(Object.keys(seen(['--exclude', 'b/*', '*/Dockerfile'], { cwd: dir }).fixes)).toEqual(['a/Dockerfile']);
  });

  it('dependency trees are not searched; a vendor directory of the project is', () => {
    const dir = repo({
      'Dockerfile': APT_PIP,
      'third_party/lib/Dockerfile': APT_PIP,
      'go/vendor/modules.txt': '',
      'go/vendor/github.com/x/Dockerfile': APT_PIP,
      'php/vendor/autoload.php': '',
      'php/vendor/y/Dockerfile': APT_PIP,
      '.venv/pyvenv.cfg': '',
      '.venv/lib/Dockerfile': APT_PIP,
      'vendor/aws/Dockerfile': APT_PIP,
    });
    expect(Object.keys(seen(['.'], { cwd: dir }).fixes)).toEqual(['Dockerfile', 'vendor/aws/Dockerfile']);
    expect(Object.keys(seen(['**/Dockerfile'], { cwd: dir }).fixes)).toEqual(['Dockerfile', 'vendor/aws/Dockerfile']);
    // Named, or searched from inside: processed.
    expect(Object.keys(seen(['third_party/lib/Dockerfile', 'go/vendor/'], { cwd: dir }).fixes)).toEqual([
      'go/vendor/github.com/x/Dockerfile',
      'third_party/lib/Dockerfile',
    ]);
  });
});

describe('which config', () => {
  it('the nearest config wins, and is not merged with those above', () => {
    const dir = repo({
      'Dockerfile': APT_PIP,
      'svc/Dockerfile': APT_PIP,
      'docker-codemod.config.json': JSON.stringify({ transforms: ['pip-no-cache-dir'] }),
      'svc/docker-codemod.config.json': JSON.stringify({ skip: ['pip-no-cache-dir'] }),
    });
    const s = seen([], { cwd: dir });
    expect(s.fixes.Dockerfile).toEqual(['pip-no-cache-dir']);
    expect(s.fixes['svc/Dockerfile']).toContain('apt-clean-lists');
    expect(s.fixes['svc/Dockerfile']).not.toContain('pip-no-cache-dir');
  });

  it('the search stops at the repository root', () => {
    const top = makeTree({ 'docker-codemod.config.json': '{"trasforms": 1}', 'repo/Dockerfile': APT_PIP });
    mkdirSync(join(top, 'repo/.git'));
    const s = seen([], { cwd: join(top, 'repo') });
    expect(s.status).toBe(0);
    expect(s.fixes.Dockerfile).toContain('pip-no-cache-dir');
  });

  it('per-file: overrides for matching paths, in the order written', () => {
    const dir = repo({
      'Dockerfile': APT_PIP,
      'services/legacy/Dockerfile': APT_PIP,
      'services/legacy/old/Dockerfile': APT_PIP,
      'docker-codemod.config.json': JSON.stringify({
        skip: ['apt-no-install-recommends'],
        'per-file': {
          'services/legacy/**': { skip: ['pip-no-cache-dir'], 'unsafe-fixes': true },
          'services/legacy/old/**': { transforms: ['pip-no-cache-dir'] },
        },
      }),
    });
    const s = seen([], { cwd: dir });
    expect(s.fixes.Dockerfile).toContain('pip-no-cache-dir');
    expect(s.unsafe.Dockerfile).toEqual([]);
    expect(s.fixes['services/legacy/Dockerfile']).toContain('apt-clean-lists');
    expect(s.fixes['services/legacy/Dockerfile']).not.toContain('pip-no-cache-dir');
    expect(s.fixes['services/legacy/old/Dockerfile']).toEqual(['pip-no-cache-dir']);
  });

  it('the command line wins: -t over transforms and skip, --skip adds, --unsafe-fixes', () => {
    const dir = repo({ Dockerfile: APT_PIP, 'docker-codemod.config.json': JSON.stringify({ transforms: ['pip-no-cache-dir'], skip: ['apt-clean-lists'] }) });
    expect(seen(['-t', 'apt-clean-lists'], { cwd: dir }).fixes.Dockerfile).toEqual(['apt-clean-lists']);
    expect(seen(['--skip', 'pip-no-cache-dir'], { cwd: dir }).fixes.Dockerfile).toEqual([]);
    const both = repo({ Dockerfile: APT_PIP, 'docker-codemod.config.json': JSON.stringify({ skip: ['apt-no-install-recommends'] }) });
    expect(seen(['--unsafe-fixes', '-t', 'apt-no-install-recommends'], { cwd: both }).fixes.Dockerfile).toEqual(['apt-no-install-recommends']);
  });

  it('--config: that file for every Dockerfile, patterns relative to the current directory; --no-config: none', () => {
    const dir = repo({
      'Dockerfile': APT_PIP,
      'svc/Dockerfile': APT_PIP,
      'svc/docker-codemod.config.json': JSON.stringify({ transforms: ['apt-clean-lists'] }),
      'ci/strict.json': JSON.stringify({ transforms: ['pip-no-cache-dir'], 'per-file': { 'svc/**': { transforms: ['apt-clean-lists'] } } }),
    });
    const named = seen(['--config', 'ci/strict.json'], { cwd: dir });
    expect(named.fixes.Dockerfile).toEqual(['pip-no-cache-dir']);
    expect(named.fixes['svc/Dockerfile']).toEqual(['apt-clean-lists']);
    const none = seen(['--no-config'], { cwd: dir });
    expect(none.fixes['svc/Dockerfile']).toContain('pip-no-cache-dir');
    expect(none.fixes['svc/Dockerfile']).toContain('apt-clean-lists');
    const missing = runCli(['--config', 'nope.json', '.'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('error: nope.json: no such file');
  });

  it('stdin: the config of the current directory', () => {
    const dir = repo({ 'docker-codemod.config.json': JSON.stringify({ transforms: ['pip-no-cache-dir'] }) });
    const r = runCli(['-'], { cwd: dir, input: APT_PIP });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('FROM debian:bullseye\nRUN apt-get update && apt-get install -y make\n\nRUN pip install --no-cache-dir x\n');
  });

  it('worker threads get each file its own settings', () => {
    const files: Record<string, string> = { 'docker-codemod.config.json': JSON.stringify({ 'per-file': { 'b*/**': { transforms: ['pip-no-cache-dir'] } } }) };
    for (let i = 0; i < 6; i++) {
      files[`a${i}/Dockerfile`] = APT_PIP;
      files[`b${i}/Dockerfile`] = APT_PIP;
    }
    const dir = repo(files);
    const one = runCli(['--dry-run', '-j', '1'], { cwd: dir });
    const two = runCli(['--dry-run', '-j', '2'], { cwd: dir });
    expect(one.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).toContain('+++ b/b3/Dockerfile\n@@ -1,4 +1,4 @@\n FROM debian:bullseye\n RUN apt-get update && apt-get install -y make\n');
  });
});

describe('bad config: exit 2, the file and the key named', () => {
  const bad = (config: string, name = 'docker-codemod.config.json') => {
    const dir = repo({ 'Dockerfile': CHAINABLE, [name]: config });
    const r = runCli(['--dry-run', '.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    return r.stderr;
  };
  it('unknown key, with a suggestion', () => {
    expect(bad('{"trasforms": ["chain-runs"]}')).toBe('error: docker-codemod.config.json: "trasforms" is not a setting (did you mean "transforms"?)\n');
    expect(bad('{"per-file": {"a/**": {"exclude": ["x"]}}}')).toContain('"per-file" > "a/**" > "exclude" is not a setting here');
  });
  it('wrong type', () => {
    expect(bad('{"unsafe-fixes": "yes"}')).toContain('docker-codemod.config.json: "unsafe-fixes" must be true or false, not a string');
    expect(bad('{"skip": "chain-runs"}')).toContain('"skip" must be a list of strings, not a string');
    expect(bad('{"uid": 0}')).toContain('"uid" must be a whole number from 1 to 2147483647');
    expect(bad('{"chain": "some"}')).toContain('"chain" must be "gain" or "all", not "some"');
    expect(bad('{"user": "Root Admin"}')).toContain('"user" must be a user name');
    expect(bad('[]')).toContain('docker-codemod.config.json: the settings must be an object, not a list');
  });
  it('unknown transform id', () => {
    expect(bad('{"skip": ["chian-runs"]}')).toMatch(/"skip" names no transform: "chian-runs" \(did you mean "chain-runs"\?\); valid ids: /);
    expect(bad('{"per-file": {"x/**": {"transforms": ["nope"]}}}')).toContain('"per-file" > "x/**" > "transforms" names no transform: "nope"');
  });
  it('bad glob', () => {
    expect(bad('{"exclude": ["a[b"]}')).toContain('"exclude" holds "a[b", which is not a valid glob');
    expect(bad('{"exclude": ["/abs/**"]}')).toContain("patterns are relative to the config file's directory, inside it");
    expect(bad('{"per-file": {"../x/**": {}}}')).toContain('"per-file" holds "../x/**": patterns are relative');
    expect(bad('{"per-file": {"x{": {}}}')).toContain('"per-file" holds "x{", which is not a valid glob');
  });
  it('syntax errors', () => {
    expect(bad('{"skip": [}')).toMatch(/^error: docker-codemod\.config\.json: not valid JSON: /);
    expect(bad('{"skip": [}', '.docker-codemodrc.json')).toMatch(/^error: \.docker-codemodrc\.json: not valid JSON: /);
    expect(bad('export default {', 'docker-codemod.config.mjs')).toMatch(/^error: docker-codemod\.config\.mjs: cannot be loaded: /);
    expect(bad('{"name": ', 'package.json')).toMatch(/^error: package\.json: not valid JSON: /);
  });
  it('checkConfig throws ConfigError', () => {
    expect(() => checkConfig({ skip: 3 }, '/c.json', '/', 'c.json')).toThrow(ConfigError);
  });
});

describe('.hadolint.yaml', () => {
  const HOME_ENV = (home: string) => ({ HOME: home, XDG_CONFIG_HOME: undefined });

  it('ignored rules turn off the transforms that answer them, found upward from the Dockerfile', () => {
    const dir = repo({ 'svc/Dockerfile': APT_PIP, '.hadolint.yaml': 'ignored:\n  - DL3042 # pip cache wanted\n  - DL3008\n' });
    const s = seen([], { cwd: join(dir, 'svc'), env: HOME_ENV(dir) });
    expect(s.fixes.Dockerfile).toContain('apt-clean-lists');
    expect(s.fixes.Dockerfile).not.toContain('pip-no-cache-dir');
    // -t names it: the command line wins. --no-config: not read.
    expect(seen(['-t', 'pip-no-cache-dir'], { cwd: dir, env: HOME_ENV(dir) }).fixes['svc/Dockerfile']).toEqual(['pip-no-cache-dir']);
    expect(seen(['--no-config'], { cwd: dir, env: HOME_ENV(dir) }).fixes['svc/Dockerfile']).toContain('pip-no-cache-dir');
  });

  it('.yml, a flow list, and the nearest file wins', () => {
    const dir = repo({ 'Dockerfile': APT_PIP, 'a/Dockerfile': APT_PIP, '.hadolint.yml': 'ignored: [DL3009]\n', 'a/.hadolint.yaml': 'failure-threshold: error\n' });
    const s = seen([], { cwd: dir, env: HOME_ENV(dir) });
    expect(s.fixes.Dockerfile).not.toContain('apt-clean-lists');
    expect(s.fixes['a/Dockerfile']).toContain('apt-clean-lists');
  });

  it("hadolint's own places when none is found upward: the current directory, then the XDG config directory", () => {
    const home = makeTree({ '.config/hadolint.yaml': 'ignored: [DL3042]\n' });
    const dir = repo({ 'svc/Dockerfile': APT_PIP });
    mkdirSync(join(dir, 'svc/.git'));
    expect(seen([], { cwd: dir, env: HOME_ENV(home) }).fixes['svc/Dockerfile']).not.toContain('pip-no-cache-dir');
    writeFileSync(join(dir, '.hadolint.yaml'), 'ignored: [DL3009]\n');
    const s = seen([], { cwd: dir, env: HOME_ENV(home) });
    expect(s.fixes['svc/Dockerfile']).toContain('pip-no-cache-dir');
    expect(s.fixes['svc/Dockerfile']).not.toContain('apt-clean-lists');
  });

  it('bad YAML or a bad ignored list: exit 2', () => {
    const dir = repo({ 'Dockerfile': APT_PIP, '.hadolint.yaml': 'ignored: [DL3042\n' });
    const r = runCli(['--dry-run'], { cwd: dir, env: HOME_ENV(dir) });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: \.hadolint\.yaml: not valid YAML: /);
    writeFileSync(join(dir, '.hadolint.yaml'), 'ignored: DL3042\n');
    expect(runCli(['--dry-run'], { cwd: dir, env: HOME_ENV(dir) }).stderr).toContain('error: .hadolint.yaml: "ignored" must be a list of rule ids');
  });
});

describe('README examples', () => {
  const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
  const between = (name: string) => {
    const m = new RegExp(`<!-- example:${name} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\`\\n<!-- /example:${name} -->`).exec(readme);
    if (!m) throw new Error(`README.md has no example ${name}`);
    return m[1];
  };

  it('the configuration example works as the README says', () => {
    const dir = repo({
      'docker-codemod.config.json': between('config'),
      'services/api/Dockerfile': CHAINABLE,
      'services/legacy/Dockerfile': CHAINABLE,
      'services/api/generated/Dockerfile': CHAINABLE,
    });
    const r = runCli(['--dry-run', '.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('+++ b/services/api/Dockerfile');
    expect(r.stdout).not.toContain('services/legacy/Dockerfile');
    expect(r.stdout).not.toContain('generated');
  });

  it('the suppression example leaves the RUN it marks alone', () => {
    const text = between('suppress');
    const dir = repo({ Dockerfile: text });
    const r = runCli(['--dry-run', '--unsafe-fixes', '--chain-all', '--verbose', '.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('[apt-no-install-recommends] suppressed by "# hadolint ignore=DL3015" on line');
    expect(r.stderr).toContain('[chain-runs] suppressed by "# docker-codemod ignore=chain-runs" on line');
  });
});

describe('config files are read safely', () => {
  it('a package.json that leads out of the tree is not read, and nothing of it shows', () => {
    const dir = makeTree({ 'outside/package.json': 'SECRET-OUTSIDE {', 'app/Dockerfile': CHAINABLE });
    symlinkSync(join(dir, 'outside/package.json'), join(dir, 'app/package.json'));
    const r = runCli(['--dry-run', '-t', 'chain-runs', 'app'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('SECRET');
    expect(r.stdout).toContain('+RUN a && \\');
  });

  it('a config that is a FIFO is an error, not a hang; a JSON error quotes no text', () => {
    const dir = makeTree({ 'Dockerfile': CHAINABLE });
    if (spawnSync('mkfifo', [join(dir, 'docker-codemod.config.json')]).status !== 0) return;
    const r = runCli(['--dry-run', '.'], { cwd: dir, timeoutMs: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('docker-codemod.config.json: not a regular file');
    const bad = makeTree({ 'Dockerfile': CHAINABLE, 'docker-codemod.config.json': 'root:SECRET:x' });
    const j = runCli(['--dry-run', '.'], { cwd: bad });
    expect(j.status).toBe(2);
    expect(j.stderr).toContain('docker-codemod.config.json: not valid JSON: unexpected "r"');
    expect(j.stderr).not.toContain('SECRET');
  });
});
