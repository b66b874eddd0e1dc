import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, makeTree, removeTrees, runCli } from './helpers/cli.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

const API = 'ARG NODE_VERSION=18\nFROM node:16-alpine AS build\nRUN npm ci\nFROM build\nCOPY --from=registry.old.example/tools/lint:2 /lint /usr/bin/\n';
const WEB = 'FROM registry.old.example/base/nginx:1.25\r\nCOPY --from=node:16 /usr/local/bin/node /usr/local/bin/\r\n';
const RULES = ['--rebase', 'node:16*=node:20', '--rebase', 'registry.old.example/*=registry.new.example/*'];
const tree = () => makeTree({ '.git/HEAD': '', 'api/Dockerfile': API, 'web/Dockerfile': WEB });

describe('--rebase and --set-arg', () => {
  it('rewrite every file by the rules, and report each change', () => {
    const dir = tree();
    const r = runCli([...RULES, '--set-arg', 'NODE_VERSION=20.11.1', '--verbose', '-t', 'chain-runs', '.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'api/Dockerfile'), 'utf8')).toBe(
      'ARG NODE_VERSION=20.11.1\nFROM node:20 AS build\nRUN npm ci\nFROM build\nCOPY --from=registry.new.example/tools/lint:2 /lint /usr/bin/\n',
    );
    expect(readFileSync(join(dir, 'web/Dockerfile'), 'utf8')).toBe(
      'FROM registry.new.example/base/nginx:1.25\r\nCOPY --from=node:20 /usr/local/bin/node /usr/local/bin/\r\n',
    );
    expect(r.stderr).toContain('2 files checked: 2 changed, 5 fixes applied');
    // A second run changes nothing.
    const again = runCli([...RULES, '--set-arg', 'NODE_VERSION=20.11.1', '-t', 'chain-runs', '--check', '.'], { cwd: dir });
    expect(again.status).toBe(0);
  });

  it('report old → new per file in JSON', () => {
    const dir = tree();
    const r = runCli([...RULES, '--skip', 'non-root-user', '--format', 'json', '--dry-run', '.'], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    const api = doc.files.find((f: { path: string }) => f.path === 'api/Dockerfile');
    const messages = api.fixes.filter((f: { transform: string }) => f.transform === 'rebase').map((f: { message: string }) => f.message);
    expect(messages).toEqual(['FROM node:16-alpine → node:20', 'COPY --from=registry.old.example/tools/lint:2 → registry.new.example/tools/lint:2']);
  });

  it('give the same output with -j 2 as in one thread', () => {
    const dir = tree();
    const args = [...RULES, '--set-arg', 'NODE_VERSION=20.11.1', '--dry-run', '.'];
    const one = runCli(args, { cwd: dir });
    const two = runCli([...args, '-j', '2'], { cwd: dir });
    expect(one.stdout).toContain('+FROM node:20 AS build');
    expect(two.stdout).toBe(one.stdout);
    expect(two.status).toBe(one.status);
  });

  it('are refused with exit 2 and a clear message when malformed', () => {
    const dir = tree();
    const cases: Array<[string[], string]> = [
      [['--rebase', 'node:16'], '"node:16" is not a rule: write pattern=replacement, such as node:16*=node:20'],
      [['--rebase', 'node:16='], 'needs both a pattern and a replacement'],
      [['--rebase', 'Node:16=node:20'], 'the pattern Node:16 is not an image reference pattern'],
      [['--rebase', 'node=node:*'], 'the replacement node:* has more * than the pattern node'],
      [['--rebase', 'node:16=node:20:x'], 'the replacement node:20:x is not an image reference'],
      [['--set-arg', 'NODE_VERSION'], 'write NAME=VALUE'],
      [['--set-arg', '1X=2'], '"1X" is not an ARG name'],
    ];
    for (const [args, message] of cases) {
      const r = runCli([...args, '--dry-run', '.'], { cwd: dir });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stdout).toBe('');
    }
  });

  it('leave files alone when --skip names the transform', () => {
    const dir = tree();
    const r = runCli([...RULES, '--skip', 'rebase', '-t', 'chain-runs', '--check', '.'], { cwd: dir });
    expect(r.status).toBe(0);
  });
});

describe('rebase and set-args in config files', () => {
  it('turn the transforms on, as a map or a list, with per-file settings', () => {
    const dir = makeTree({
      '.git/HEAD': '',
      'docker-codemod.config.json': JSON.stringify({
        transforms: ['chain-runs'],
        rebase: { 'node:16*': 'node:22' },
        'set-args': { NODE_VERSION: '22.1.0' },
        'per-file': { 'web/**': { rebase: ['node:*=node:20-slim'] } },
      }),
      'api/Dockerfile': API,
      'web/Dockerfile': WEB,
    });
    const r = runCli(['--dry-run', '.'], { cwd: dir });
    expect(r.stdout).toContain('+ARG NODE_VERSION=22.1.0\n+FROM node:22 AS build\n');
    expect(r.stdout).toContain('+COPY --from=node:20-slim /usr/local/bin/node /usr/local/bin/\r\n');
    // Rules given on the command line replace the config's.
    const cli = runCli(['--dry-run', '--rebase', 'node:16*=node:18', '.'], { cwd: dir });
    expect(cli.stdout).toContain('+FROM node:18 AS build\n');
    expect(cli.stdout).toContain('+COPY --from=node:18 ');
  });

  it('do not turn the transforms on under -t, which runs exactly what it names; a config skip keeps them off', () => {
    const files = { '.git/HEAD': '', 'api/Dockerfile': API };
    const dir = makeTree({ ...files, 'docker-codemod.config.json': JSON.stringify({ rebase: ['node:16*=node:22'], 'set-args': { NODE_VERSION: '22' } }) });
    expect(runCli(['--check', '-t', 'chain-runs', '.'], { cwd: dir }).status).toBe(0);
    expect(runCli(['--check', '-t', 'rebase', '.'], { cwd: dir }).status).toBe(1);
    const skipped = makeTree({ ...files, 'docker-codemod.config.json': JSON.stringify({ transforms: ['chain-runs'], skip: ['rebase'], rebase: ['node:16*=node:22'] }) });
    expect(runCli(['--check', '.'], { cwd: skipped }).status).toBe(0);
  });

  it('are checked: errors name the file and the key, and exit 2', () => {
    const cases: Array<[unknown, string]> = [
      [{ rebase: ['node:16'] }, '"rebase" holds a rule that cannot be used: "node:16" is not a rule'],
      [{ rebase: { 'node:16*': 20 } }, '"rebase" > "node:16*" must be an image reference (the replacement), not a number'],
      [{ rebase: 'node:16=node:20' }, '"rebase" must be a list of "pattern=replacement" rules or an object'],
      [{ 'set-args': { NODE_VERSION: 20.1 } }, '"set-args" > "NODE_VERSION" must be a string ("20.1", in quotes'],
      [{ 'set-args': { 'NODE-VERSION': '1' } }, '"set-args" holds "NODE-VERSION", which is not an ARG name'],
      [{ 'set-arg': { A: '1' } }, '"set-arg" is not a setting (did you mean "set-args"?)'],
    ];
    for (const [config, message] of cases) {
      const dir = makeTree({ '.git/HEAD': '', 'docker-codemod.config.json': JSON.stringify(config), Dockerfile: API });
      const r = runCli(['--dry-run', '.'], { cwd: dir });
      expect(r.status, message).toBe(2);
      expect(r.stderr, message).toContain(`error: docker-codemod.config.json: ${message}`);
    }
  });
});

describe('plugin ids in config files', () => {
  const plugin = `export default {
  id: 'tag-cmd',
  description: 'tag CMD',
  tier: 'safe',
  run(m) {
    const fixes = [];
    for (const ins of m.instructions) {
      if (ins.name !== 'CMD' || m.text.slice(ins.start, ins.end).includes('tagged')) continue;
      fixes.push({ message: 'tagged', line: ins.line, edits: [{ start: ins.end, end: ins.end, text: ' # tagged' }], touches: [ins.index] });
    }
    return { fixes, skips: [] };
  },
};
`;
  it('accepts the id of a loaded plugin in transforms and skip', () => {
    const files = { '.git/HEAD': '', 'tag.mjs': plugin, Dockerfile: 'FROM scratch\nCMD ["/app"]\n' };
    const on = makeTree({ ...files, 'docker-codemod.config.json': JSON.stringify({ transforms: ['tag-cmd'] }) });
    const r = runCli(['--dry-run', '--plugin', './tag.mjs', '.'], { cwd: on });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('+CMD ["/app"] # tagged\n');
    const off = makeTree({ ...files, 'docker-codemod.config.json': JSON.stringify({ skip: ['tag-cmd', 'non-root-user'] }) });
    const s = runCli(['--check', '--plugin', './tag.mjs', '.'], { cwd: off });
    expect(s.status).toBe(0);
  });

  it('keeps the did-you-mean error for an id no transform or loaded plugin has', () => {
    const dir = makeTree({
      '.git/HEAD': '',
      'tag.mjs': plugin,
      'docker-codemod.config.json': JSON.stringify({ transforms: ['tag-cdm'] }),
      Dockerfile: 'FROM scratch\n',
    });
    const r = runCli(['--dry-run', '--plugin', './tag.mjs', '.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"transforms" names no transform: "tag-cdm" (did you mean "tag-cmd"?)');
    // Without the plugin loaded, its id is unknown.
    const without = runCli(['--dry-run', '.'], { cwd: makeTree({ '.git/HEAD': '', 'docker-codemod.config.json': JSON.stringify({ transforms: ['tag-cmd'] }), Dockerfile: 'FROM scratch\n' }) });
    expect(without.status).toBe(2);
    expect(without.stderr).toContain('"transforms" names no transform: "tag-cmd"');
  });
});
