import { beforeAll, describe, expect, it } from 'vitest';
import { transformText } from '../src/engine.js';
import { initShell } from '../src/model/shell.js';
import { memoryContext } from '../src/runner/context.js';
import { dockerignore } from '../transforms/dockerignore/index.js';

beforeAll(initShell);

/** The .dockerignore made for `dockerfile` in a context holding `files` and a git repository (null: none), and the skips. */
function run(dockerfile: string, files: Record<string, string> = {}) {
  const r = transformText(dockerfile, { transforms: [dockerignore], context: memoryContext({ '.git/HEAD': 'x\n', ...files }), options: { unsafeFixes: true } });
  return { file: r.sideFiles[0]?.after ?? null, skips: r.skipped.map((s) => s.reason) };
}

describe('dockerignore: .git only when no build step reads it', () => {
  it('a RUN that installs git or clones another repository reads none of the context', () => {
    expect(run('FROM debian\nRUN apt-get install -y git && git clone https://x/y.git /y\nCOPY . /app\n').file).toBe('.git\n');
    expect(run('FROM debian\nCOPY . /app\nRUN <<EOF\napt-get install -y git\ngit config --global user.name x\nEOF\n').file).toBe('.git\n');
  });

  it('a RUN that asks the repository (shell form or heredoc) keeps it', () => {
    expect(run('FROM debian\nCOPY . /app\nRUN git describe --tags > /version\n').skips).toEqual([
      '.git not added to .dockerignore: the RUN on line 3 runs git describe, which may read .git',
    ]);
    expect(run('FROM debian\nCOPY . /app\nRUN <<EOF\nset -e\ngit rev-parse HEAD > /rev\nEOF\n').skips).toEqual([
      '.git not added to .dockerignore: the RUN on line 3 runs git rev-parse, which may read .git',
    ]);
  });

  it('builds that stamp or version from git history keep it', () => {
    const go = run('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n', { 'go.mod': 'module x\n' });
    expect(go.file).toBeNull();
    expect(go.skips[0]).toContain('go build stamps the binary with the git revision');
    expect(run('FROM golang:1.22\nCOPY . .\nRUN go build -buildvcs=false -o /app .\n', { 'go.mod': 'module x\n' }).file).toBe('.git\n');
    const scm = run('FROM python:3.12\nCOPY . /src\nRUN pip install /src\n', { 'pyproject.toml': '[tool.setuptools_scm]\n' });
    expect(scm.skips).toEqual(['.git not added to .dockerignore: pyproject.toml takes its version from git history']);
    const npm = run('FROM node:20\nCOPY . .\nRUN npm ci && npm run build\n', { 'package.json': '{"scripts":{"build":"git rev-parse HEAD > rev && tsc"}}' });
    expect(npm.skips).toEqual(['.git not added to .dockerignore: a package.json script runs git']);
  });

  it('a COPY --from or ONBUILD copy is not a copy of this context; a whole-context ADD is', () => {
    expect(run('FROM debian\nCOPY --from=build . /app\n').file).toBeNull();
    expect(run('FROM debian\nADD ./ /app\n').file).toBe('.git\n');
    expect(run('FROM debian\nCOPY ["/", "/app"]\n').file).toBe('.git\n');
  });

  it('a context of its own without list(): nothing proposed', () => {
    const r = transformText('FROM debian\nCOPY . /app\n', { transforms: [dockerignore], context: { exists: () => true, readText: () => null } });
    expect(r.sideFiles).toEqual([]);
    expect(r.changed).toBe(false);
  });
});
