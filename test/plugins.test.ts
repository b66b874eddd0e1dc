import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, makeTree, removeTrees, ROOT, runCli } from './helpers/cli.js';
import { tagCmd } from './helpers/plugins.js';

beforeAll(ensureBuilt);
afterAll(removeTrees);

/** The library as a plugin in a temporary directory imports it. */
const LIB = pathToFileURL(join(ROOT, 'dist/src/index.js')).href;


const DOCKERFILE = 'FROM scratch\nCMD ["/app"]\n';

describe('--plugin', () => {
  it('loads a module by path relative to the working directory; its transform is on by default', () => {
    const dir = makeTree({ 'tools/tag.mjs': `export default ${tagCmd('tag-cmd', 'x')};\n`, 'Dockerfile': DOCKERFILE });
    const r = runCli(['--plugin', 'tools/tag.mjs', '--skip', 'non-root-user'], { cwd: dir });
    expect(r.stderr).toContain('1 file checked: 1 changed, 1 fix applied');
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM scratch\nCMD ["/app"] x\n');
  });

  it('loads a package from node_modules of the working directory', () => {
    const dir = makeTree({
      'node_modules/dcm-tag/package.json': JSON.stringify({ name: 'dcm-tag', type: 'module', exports: './index.js' }),
      'node_modules/dcm-tag/index.js': `export default ${tagCmd('tag-cmd', 'pkg')};\n`,
      'Dockerfile': DOCKERFILE,
    });
    const r = runCli(['--dry-run', '--plugin', 'dcm-tag', '-t', 'tag-cmd'], { cwd: dir });
    expect(r.stdout).toBe('--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n FROM scratch\n-CMD ["/app"]\n+CMD ["/app"] pkg\n');
    expect(r.status).toBe(0);
  });

  it('loads packages as Node imports them: import-only exports, main, scoped names, from a parent folder', () => {
    const dir = makeTree({
      'node_modules/@acme/rules/package.json': JSON.stringify({
        name: '@acme/rules', type: 'module', exports: { '.': { require: './no.cjs', import: './esm/index.js' } },
      }),
      'node_modules/@acme/rules/esm/index.js': `export default ${tagCmd('acme', 'esm')};\n`,
      'node_modules/old-style/package.json': JSON.stringify({ name: 'old-style', main: 'lib/main.mjs' }),
      'node_modules/old-style/lib/main.mjs': `export default ${tagCmd('old', 'main')};\n`,
      'app/Dockerfile': DOCKERFILE,
    });
    const r = runCli(['--dry-run', '--plugin', '@acme/rules', '--plugin', 'old-style', '-t', 'acme,old', '.'], { cwd: join(dir, 'app') });
    expect(r.stdout).toContain('+CMD ["/app"] esm main\n');
    expect(r.status).toBe(0);
  });

  it('takes an array of transforms, each selectable with -t and --skip, and listed', () => {
    const dir = makeTree({ 'two.mjs': `export default [${tagCmd('tag-a', 'one')}, ${tagCmd('tag-b', 'two')}];\n`, 'Dockerfile': DOCKERFILE });
    const both = runCli(['--dry-run', '--plugin', './two.mjs', '-t', 'tag-a,tag-b'], { cwd: dir });
    expect(both.stdout).toContain('+CMD ["/app"] one two\n');
    const one = runCli(['--dry-run', '--plugin', './two.mjs', '-t', 'tag-a,tag-b', '--skip', 'tag-a'], { cwd: dir });
    expect(one.stdout).toContain('+CMD ["/app"] two\n');
    const list = runCli(['--list-transforms', '--plugin', './two.mjs'], { cwd: dir });
    expect(list.stdout).toMatch(/tag-a/);
    expect(list.stdout).toMatch(/tag-b/);
    const unknown = runCli(['--plugin', './two.mjs', '-t', 'tag-c'], { cwd: dir });
    expect(unknown.stderr).toContain("unknown transform 'tag-c' in --transforms; did you mean 'tag-a'?");
    expect(unknown.status).toBe(2);
  });

  it('refuses an id a built-in or another plugin has', () => {
    const dir = makeTree({
      'a.mjs': `export default ${tagCmd('chain-runs', 'a')};\n`,
      'b.mjs': `export default ${tagCmd('tag-cmd', 'b')};\n`,
      'c.mjs': `export default ${tagCmd('tag-cmd', 'c')};\n`,
      'Dockerfile': DOCKERFILE,
    });
    const builtin = runCli(['--plugin', './a.mjs'], { cwd: dir });
    expect(builtin.stderr).toBe("error: plugin ./a.mjs: transform id 'chain-runs' is already the id of a built-in transform\n");
    expect(builtin.status).toBe(2);
    const twice = runCli(['--plugin', './b.mjs', '--plugin', './c.mjs'], { cwd: dir });
    expect(twice.stderr).toBe("error: plugin ./c.mjs: transform id 'tag-cmd' is already used by plugin ./b.mjs\n");
    expect(twice.status).toBe(2);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(DOCKERFILE);
  });

  it('a module that cannot be loaded, or exports no transform, stops the run', () => {
    const dir = makeTree({
      'broken.mjs': 'export default {;\n',
      'none.mjs': 'export const x = 1;\n',
      'bad.mjs': "export default { id: 'Bad Id', description: 'd', tier: 'safe', run() {} };\n",
      'Dockerfile': DOCKERFILE,
    });
    const broken = runCli(['--plugin', './broken.mjs'], { cwd: dir });
    expect(broken.stderr).toMatch(/^error: cannot load plugin \.\/broken\.mjs: .*Unexpected token/);
    expect(broken.status).toBe(2);
    const missing = runCli(['--plugin', './missing.mjs'], { cwd: dir });
    expect(missing.stderr).toBe(`error: cannot load plugin ./missing.mjs: no such file ${join(dir, 'missing.mjs')}\n`);
    expect(missing.status).toBe(2);
    const nopkg = runCli(['--plugin', 'no-such-dcm-plugin'], { cwd: dir });
    expect(nopkg.stderr).toMatch(/^error: cannot load plugin no-such-dcm-plugin: no such file, and no package of that name found from /);
    expect(nopkg.status).toBe(2);
    const none = runCli(['--plugin', './none.mjs'], { cwd: dir });
    expect(none.stderr).toBe('error: plugin ./none.mjs has no default export (export default a transform or an array of them)\n');
    const bad = runCli(['--plugin', './bad.mjs'], { cwd: dir });
    expect(bad.stderr).toBe(`error: plugin ./bad.mjs: transform id "Bad Id" is not kebab-case (like 'bump-node')\n`);
    expect(bad.status).toBe(2);
  });

  it('a plugin that throws fails that file only, naming the plugin (also in worker threads)', () => {
    const plugin = `export default {
      id: 'picky', description: 'd', tier: 'safe',
      run(m) { if (m.text.includes('boom')) throw new Error('cannot read this one'); return { fixes: [], skips: [] }; },
    };\n`;
    const dir = makeTree({ 'p.mjs': plugin, 'a/Dockerfile': 'FROM a\nRUN x\nRUN y\n', 'b/Dockerfile': 'FROM b\n# boom\nRUN x\nRUN y\n' });
    for (const jobs of ['1', '2']) {
      const r = runCli(['--dry-run', '-j', jobs, '--plugin', './p.mjs', '-t', 'picky,chain-runs'], { cwd: dir });
      expect(r.stdout).toContain('+++ b/a/Dockerfile');
      expect(r.stderr).toContain("b/Dockerfile: error: transform 'picky' failed: cannot read this one\n");
      expect(r.stderr).not.toContain('internal error');
      expect(r.status).toBe(2);
    }
  });

  it('an edit of an instruction the fix does not list in touches fails the file with a message saying what to do', () => {
    const plugin = `export default {
      id: 'bump-node', description: 'd', tier: 'safe',
      run(m) {
        const from = m.instructions.find((i) => i.name === 'FROM' && i.args[0]?.value === 'node:16');
        if (!from) return { fixes: [], skips: [] };
        const a = from.args[0];
        return { fixes: [{ message: 'bumped', line: from.line, edits: [{ start: a.start, end: a.end, text: 'node:20' }], touches: [0] }], skips: [] };
      },
    };\n`;
    const dir = makeTree({ 'p.mjs': plugin, 'Dockerfile': 'ARG X=1\n\nFROM node:16\nCMD ["x"]\n' });
    const r = runCli(['--check', '--plugin', './p.mjs', '-t', 'bump-node'], { cwd: dir });
    expect(r.stderr).toContain(
      "Dockerfile: error: transform 'bump-node' changed the instruction on line 3 but did not list it in touches; use the edit helpers or add its index\n",
    );
    expect(r.status).toBe(2);
  });

  it('a plugin written with the exported helpers', () => {
    const plugin = `import { defineTransform, edits } from '${LIB}';
export default defineTransform({
  id: 'user-last', description: 'd', tier: 'safe',
  run(m) {
    const b = edits(m);
    const cmd = m.instructions.find((i) => i.name === 'CMD');
    if (!cmd || m.instructions.some((i) => i.name === 'USER')) return { fixes: [], skips: [] };
    return { fixes: [b.insertLineBefore(cmd, 'USER 1000').fix('user')], skips: [] };
  },
});\n`;
    const dir = makeTree({ 'p.mjs': plugin, 'Dockerfile': 'from scratch\r\n  cmd ["/app"]\r\n' });
    const r = runCli(['--plugin', './p.mjs', '-t', 'user-last'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('from scratch\r\n  user 1000\r\n  cmd ["/app"]\r\n');
  });
});

describe('example plugins', () => {
  const files = {
    'web/Dockerfile': 'FROM node:16.20-alpine AS build\nMAINTAINER Jane <jane@example.com>\nRUN npm ci\nFROM build\nCMD ["node", "server.js"]\n',
    'api/Dockerfile': 'from docker.io/library/node:16-bullseye\nmaintainer ops$team\nfrom node:16@sha256:0000000000000000000000000000000000000000000000000000000000000000\ncmd ["node", "api.js"]\n',
    'worker/Dockerfile': 'FROM node:18\nCMD ["node", "worker.js"]\n',
  };
  const args = (dir: string) => [
    '--dry-run', '--unsafe-fixes', '--verbose',
    '--plugin', join(ROOT, 'examples/plugins/bump-node.mjs'),
    '--plugin', join(ROOT, 'examples/plugins/label-maintainer.mjs'),
    '-t', 'bump-node,label-maintainer', dir,
  ];

  it('bump-node and label-maintainer, by default, with --unsafe-fixes, and with -j 2 (same output)', () => {
    const dir = makeTree(files);
    const r = runCli(args('.'), { cwd: dir });
    expect(r.stdout).toBe(
      [
        '--- a/api/Dockerfile',
        '+++ b/api/Dockerfile',
        '@@ -1,4 +1,4 @@',
        '-from docker.io/library/node:16-bullseye',
        '+from docker.io/library/node:20-bullseye',
        ' maintainer ops$team',
        ' from node:16@sha256:0000000000000000000000000000000000000000000000000000000000000000',
        ' cmd ["node", "api.js"]',
        '--- a/web/Dockerfile',
        '+++ b/web/Dockerfile',
        '@@ -1,5 +1,5 @@',
        '-FROM node:16.20-alpine AS build',
        '-MAINTAINER Jane <jane@example.com>',
        '+FROM node:20-alpine AS build',
        '+LABEL maintainer="Jane <jane@example.com>"',
        ' RUN npm ci',
        ' FROM build',
        ' CMD ["node", "server.js"]',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toContain('api/Dockerfile:2: [label-maintainer] the MAINTAINER on line 2 has quotes, $, escapes or several lines\n');
    expect(r.stderr).toContain('api/Dockerfile:3: [bump-node] the FROM on line 3 pins node:16 by digest\n');
    expect(r.stderr).toContain('3 files checked: 2 would change, 3 fixes to apply, 2 fixes skipped\n');
    expect(r.status).toBe(0);

    const parallel = runCli(['-j', '2', ...args('.')], { cwd: dir });
    expect(parallel.stdout).toBe(r.stdout);
    expect(parallel.stderr).toBe(r.stderr);

    const safeOnly = runCli(args('.').filter((a) => a !== '--unsafe-fixes'), { cwd: dir });
    expect(safeOnly.stdout).not.toContain('node:20');
    expect(safeOnly.stderr).toContain('web/Dockerfile:1: [bump-node] unsafe fix not applied: node:16.20-alpine → node:20-alpine on line 1');
  });
});
