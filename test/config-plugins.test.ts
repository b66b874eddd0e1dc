import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, makeTree, removeTrees, runCli } from './helpers/cli.js';
import { tagCmd } from './helpers/plugins.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

/** A plugin module appending ` <tag>` to every CMD that lacks it. */
const tagModule = (id: string, tag: string) => `export default ${tagCmd(id, tag)};\n`;

const DOCKERFILE = 'FROM scratch\nCMD ["/app"]\n';

describe('config "plugins"', () => {
  it('loads plugins a config names, relative to the config, for the files it governs only (also with -j 2)', () => {
    const dir = makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'svc/docker-codemod.config.json': JSON.stringify({ plugins: ['./tools/tag.mjs'], skip: ['non-root-user'] }),
      'svc/tools/tag.mjs': tagModule('tag-cmd', 'x'),
      'svc/api/Dockerfile': DOCKERFILE,
      'other/Dockerfile': DOCKERFILE,
    });
    for (const jobs of ['1', '2']) {
      const r = runCli(['--dry-run', '-j', jobs, '.'], { cwd: dir });
      expect(r.stdout).toContain('+++ b/svc/api/Dockerfile\n');
      expect(r.stdout).toContain('+CMD ["/app"] x\n');
      expect(r.stdout).not.toContain('other/Dockerfile');
      expect(r.status).toBe(0);
    }
    const t = runCli(['--dry-run', '-t', 'tag-cmd', '.'], { cwd: dir });
    expect(t.stderr).toContain("unknown transform 'tag-cmd' in --transforms; valid ids: ");
    expect(t.stderr).toContain('(a transform of a plugin that a config file names is selected in that config, or loaded with --plugin)');
    expect(t.status).toBe(2);
    const w = runCli(['.'], { cwd: dir });
    expect(w.status).toBe(0);
    expect(readFileSync(join(dir, 'svc/api/Dockerfile'), 'utf8')).toBe('FROM scratch\nCMD ["/app"] x\n');
    expect(readFileSync(join(dir, 'other/Dockerfile'), 'utf8')).toBe(DOCKERFILE);
  });

  it('its plugin ids may be named in transforms and skip; reports describe them', () => {
    const dir = makeTree({
      'docker-codemod.config.json': JSON.stringify({ plugins: ['./tag.mjs'], transforms: ['tag-cmd'] }),
      'tag.mjs': tagModule('tag-cmd', 'x'),
      'Dockerfile': DOCKERFILE,
    });
    const r = runCli(['--check', '--format', 'sarif', '.'], { cwd: dir });
    expect(r.status).toBe(1);
    const rules = JSON.parse(r.stdout).runs[0].tool.driver.rules.map((x: { id: string }) => x.id);
    expect(rules).toContain('tag-cmd');
    const s = runCli(['--check', '--statistics', '.'], { cwd: dir });
    expect(s.stderr).toMatch(/tag-cmd/);
  });

  it('a plugin also given with --plugin is loaded once; another module reusing an id is an error naming the config', () => {
    const dir = makeTree({
      'docker-codemod.config.json': JSON.stringify({ plugins: ['./tag.mjs'], skip: ['non-root-user'] }),
      'tag.mjs': tagModule('tag-cmd', 'x'),
      'other.mjs': tagModule('tag-cmd', 'y'),
      'Dockerfile': DOCKERFILE,
    });
    const same = runCli(['--check', '--plugin', './tag.mjs', '.'], { cwd: dir });
    expect(same.stderr).toContain('1 file checked: 1 would change, 1 fix to apply');
    expect(same.status).toBe(1);
    const clash = runCli(['--check', '--plugin', './other.mjs', '.'], { cwd: dir });
    expect(clash.stderr).toBe(`error: docker-codemod.config.json: "plugins": transform id 'tag-cmd' is already used by a plugin given with --plugin\n`);
    expect(clash.status).toBe(2);
  });

  it('a plugin that cannot be loaded, a bad value, or plugins in per-file: exit 2 naming the config', () => {
    const cases: Array<[unknown, string]> = [
      [{ plugins: ['./missing.mjs'] }, `error: docker-codemod.config.json: "plugins": cannot load plugin ./missing.mjs: no such file `],
      [{ plugins: 'tag.mjs' }, `error: docker-codemod.config.json: "plugins" must be a list of strings, not a string\n`],
      [{ 'per-file': { '**': { plugins: ['./tag.mjs'] } } }, `error: docker-codemod.config.json: "per-file" > "**" > "plugins" is not a setting here`],
      [{ plugins: ['./tag.mjs'], skip: ['tag-cmdd'] }, `names no transform: "tag-cmdd" (did you mean "tag-cmd"?)`],
    ];
    for (const [config, message] of cases) {
      const dir = makeTree({ 'docker-codemod.config.json': JSON.stringify(config), 'tag.mjs': tagModule('tag-cmd', 'x'), 'Dockerfile': DOCKERFILE });
      const r = runCli(['--check', '.'], { cwd: dir });
      expect(r.stderr).toContain(message);
      expect(r.status).toBe(2);
    }
  });

  it('a config named with --config loads its plugins relative to itself; stdin uses them too', () => {
    const dir = makeTree({
      'ci/strict.json': JSON.stringify({ plugins: ['./tag.mjs'], transforms: ['tag-cmd'] }),
      'ci/tag.mjs': tagModule('tag-cmd', 'x'),
      'Dockerfile': DOCKERFILE,
    });
    const r = runCli(['--dry-run', '--config', 'ci/strict.json', 'Dockerfile'], { cwd: dir });
    expect(r.stdout).toContain('+CMD ["/app"] x\n');
    const s = runCli(['--config', 'ci/strict.json', '-'], { cwd: dir, input: DOCKERFILE });
    expect(s.stdout).toBe('FROM scratch\nCMD ["/app"] x\n');
    const t = runCli(['--config', 'ci/strict.json', '--timeout', '0', '-'], { cwd: dir, input: DOCKERFILE });
    expect(t.stdout).toBe('FROM scratch\nCMD ["/app"] x\n');
  });
});
