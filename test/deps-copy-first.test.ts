import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError, transformText } from '../src/engine.js';
import { parseDockerfile } from '../src/model/parse.js';
import { initShell } from '../src/model/shell.js';
import type { ShellCommand } from '../src/model/types.js';
import { directoryContext, memoryContext } from '../src/runner/context.js';
import { chainRuns } from '../transforms/chain-runs/index.js';
import { depsCopyFirst } from '../transforms/deps-copy-first/index.js';
import { contextPath, copyCovers, globMatch, resolveCopy, stageCopies, type FileOracle } from '../transforms/shared/copy-paths.js';
import { recogniseInstall } from '../transforms/deps-copy-first/manifests.js';
import { parseDockerIgnore } from '../transforms/shared/dockerignore-file.js';
import { localReplace } from '../transforms/deps-copy-first/go.js';
import { runProblem, type Footprint } from '../transforms/deps-copy-first/safe-commands.js';
import type { BuildContext } from '../src/transform-types.js';
import { propertyViolations } from './helpers/properties.js';

beforeAll(initShell);

const FIXTURES = join(import.meta.dirname, '..', '__fixtures__', 'deps-copy-first');
const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus');

function run(text: string, context: BuildContext, transforms = [depsCopyFirst]) {
  return transformText(text, { transforms, context });
}

function commands(body: string): ShellCommand[] {
  const m = parseDockerfile(`FROM x\nRUN ${body}\n`);
  return m.instructions[1].shell!.commands;
}

function install(body: string) {
  return recogniseInstall(commands(body)[commands(body).length - 1]);
}

// ---------------------------------------------------------------------------------------------------------

/** The reason each skip fixture must report (its output equals its input). */
const SKIP_REASONS: Record<string, string> = {
  'skip-pip-installs-the-project': "installs . from the local directory",
  'skip-pip-editable-requirement': "editable requirement",
  'skip-pip-local-path-requirement': "installs from a local path",
  'skip-pip-target-inside-the-copy': "pip --target ./vendor installs there",
  'skip-pip-in-a-pipeline': "runs inside a pipeline",
  'skip-manifest-not-in-context': "requirements.txt is not in the build context",
  'skip-dockerignore-excludes-manifest': ".dockerignore excludes requirements.txt",
  'skip-dockerignore-not-understood': "cannot interpret the .dockerignore pattern",
  'skip-run-between-reads-sources': "the RUN on line 4 may read the sources",
  'skip-copy-between-overwrites-a-source-file': "the COPY on line 7 writes into /app/settings.py too, and the COPY on line 6 would now overwrite it",
  'skip-add-source': "copied with ADD",
  'skip-split-needs-shell-state': "changes shell state (cd)",
  'skip-not-an-and-list': "not a plain && list",
  'skip-relative-destination-changes': "would copy to /app/src/src",
  'skip-path-into-the-copy': "PATH includes /app/bin",
  'skip-virtualenv-inside-the-copy': "python -m venv /app/.venv",
  'skip-copy-into-root-home': "copies into /root",
  'skip-copy-into-filesystem-root': "copies into /,",
  'skip-chown-name-and-user-change-between': "changes the users and groups",
  'skip-volume-between': "the VOLUME on line 4",
  'skip-npm-no-dockerignore': "exclude node_modules in .dockerignore",
  'skip-npm-postinstall-script': "\"postinstall\" script",
  'skip-npm-workspaces': "declares workspaces",
  'skip-npm-local-file-dependency': "local dependency (file:./lib)",
  'skip-npm-install-rewrites-v1-lockfile': "rewrites a lockfileVersion 1 package-lock.json",
  'skip-yarn-berry': "Yarn 2+",
  'skip-yarn-path-in-yarnrc': "points yarn at other files",
  'skip-pnpm-workspace': "pnpm workspace",
  'skip-pnpm-lockfile-not-frozen': "may rewrite pnpm-lock.yaml",
  'skip-go-local-replace': "replaces a module with the local directory ./lib",
  'skip-go-workspace': "go.work makes go read",
  'skip-bundle-may-rewrite-lockfile': "may rewrite Gemfile.lock",
  'skip-bundle-gemspec': "the Gemfile loads other files",
  'skip-composer-plugins-allowed': "allows plugins",
  'skip-composer-path-repository': "path repository",
  'skip-composer-vendor-not-ignored': "exclude vendor in .dockerignore",
  'skip-maven-multi-module': "multi-module",
  'skip-pipenv-may-relock': "may re-lock and rewrite Pipfile.lock",
  'skip-poetry-path-dependency': "path dependency",
  'skip-bind-mount-over-the-copy': "bind-mounts /app/config"
};

describe('deps-copy-first skip fixtures', () => {
  for (const [name, reason] of Object.entries(SKIP_REASONS)) {
    it(name, () => {
      const dir = join(FIXTURES, name);
      const input = readFileSync(join(dir, 'input.Dockerfile'), 'utf8');
      const r = run(input, directoryContext(join(dir, 'context')));
      expect(r.output).toBe(input);
      const reasons = r.skipped.filter((s) => s.transform === 'deps-copy-first').map((s) => s.reason);
      expect(reasons.some((x) => x.includes(reason)), `${reasons.join('\n')}\nshould include: ${reason}`).toBe(true);
    });
  }
  it('every skip fixture is listed here', () => {
    const skips = readdirSync(FIXTURES).filter((n) => n.startsWith('skip-'));
    expect(skips.sort()).toEqual(Object.keys(SKIP_REASONS).sort());
  });
  it('untouched fixtures report nothing', () => {
    for (const name of readdirSync(FIXTURES).filter((n) => n.startsWith('untouched-'))) {
      const dir = join(FIXTURES, name);
      const input = readFileSync(join(dir, 'input.Dockerfile'), 'utf8');
      const r = run(input, directoryContext(join(dir, 'context')));
      expect(r.output, name).toBe(input);
      expect(r.skipped.filter((s) => s.transform === 'deps-copy-first'), name).toEqual([]);
    }
  });
  it('every fixture has a build context', () => {
    for (const name of readdirSync(FIXTURES)) expect(existsSync(join(FIXTURES, name, 'context')), name).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('.dockerignore', () => {
  it('anchors patterns at the context root', () => {
    const d = parseDockerIgnore('# comment\nnode_modules\n/dist/\n');
    expect(d.ignored('node_modules/x/index.js')).toBe(true);
    expect(d.ignored('web/node_modules/x.js')).toBe(false);
    expect(d.ignored('dist/app.js')).toBe(true);
    expect(d.excludesDir('node_modules')).toBe(true);
    expect(d.excludesDir('web/node_modules')).toBe(false);
  });
  it('matches ** across directories and * within one', () => {
    const d = parseDockerIgnore('**/node_modules\n*.txt\n');
    expect(d.excludesDir('web/node_modules')).toBe(true);
    expect(d.ignored('requirements.txt')).toBe(true);
    expect(d.ignored('requirements/base.txt')).toBe(false);
  });
  it('re-includes with ! and then cannot prove a directory excluded', () => {
    const d = parseDockerIgnore('*.txt\n!requirements.txt\nvendor\n!vendor/keep.php\n');
    expect(d.ignored('notes.txt')).toBe(true);
    expect(d.ignored('requirements.txt')).toBe(false);
    expect(d.excludesDir('vendor')).toBe(false);
  });
  it('reports a pattern it cannot read', () => {
    expect(parseDockerIgnore('[abc\n').problem).toMatch(/cannot interpret/);
  });
});

describe('COPY paths', () => {
  const files = (list: string[]): FileOracle => ({ hasFile: (p) => list.includes(p), excluded: () => false });
  const copies = (text: string, list: string[]) => {
    const m = parseDockerfile(text);
    return stageCopies(m.instructions[m.instructions.length - 1], files(list));
  };
  it('normalises context paths', () => {
    expect(contextPath('./a/../b/')).toBe('b');
    expect(contextPath('/app')).toBe('app');
    expect(contextPath('.')).toBe('');
    expect(contextPath('../x')).toBeNull();
  });
  it('copies a directory\'s contents into the destination', () => {
    const [op] = copies('FROM x\nCOPY app/ /srv\nRUN true\n', ['app/requirements.txt']);
    expect(op.dest).toBe('/srv');
    expect(copyCovers(op, '/srv/requirements.txt', files(['app/requirements.txt']))).toMatchObject({ kind: 'context', path: 'app/requirements.txt' });
    expect(copyCovers(op, '/srv/other.txt', files(['app/requirements.txt']))).toBeNull();
  });
  it('puts a file into an existing directory, else at the destination path', () => {
    const [a] = copies('FROM x\nWORKDIR /app\nCOPY requirements.txt /app\nRUN true\n', ['requirements.txt']);
    expect(a.destIsDir).toBe(true);
    const [b] = copies('FROM x\nCOPY requirements.txt /app\nRUN true\n', ['requirements.txt']);
    expect(b.destIsDir).toBe(false);
    const [c] = copies('FROM x\nCOPY requirements.txt /app/\nRUN true\n', ['requirements.txt']);
    expect(c.destIsDir).toBe(true);
  });
  it('resolves relative destinations and variables against WORKDIR', () => {
    const [op] = copies('FROM x\nARG HOME_DIR=/home/app\nWORKDIR $HOME_DIR/src\nCOPY . ./web\nRUN true\n', []);
    expect(op.dest).toBe('/home/app/src/web');
  });
  it('marks a missing file source and a --from copy', () => {
    const [a, b] = copies('FROM x AS base\nFROM base\nCOPY main.py /app/\nCOPY --from=base /a /app/a\nRUN true\n', []);
    expect(a.problem).toMatch(/main.py, which is not in the build context/);
    expect(a.opaque).toBe(false);
    expect(b.local).toBe(false);
  });
  it('matches globs like Go filepath.Match', () => {
    expect(globMatch('package*.json', 'package-lock.json')).toBe(true);
    expect(globMatch('requirements-[a-z]*.txt', 'requirements-dev.txt')).toBe(true);
    expect(globMatch('*.json', 'a/b.json')).toBe(false);
  });
  it('resolveCopy keeps the flags it does not model as a problem', () => {
    const m = parseDockerfile('FROM x\nCOPY --parents ./a/ /app/\n');
    expect(resolveCopy(m.instructions[1], files([]), () => false).problem).toMatch(/--parents/);
  });
});

describe('install recognition', () => {
  it.each([
    ['pip install -r requirements.txt', 'pip'],
    ['pip3 --no-cache-dir install -rrequirements.txt', 'pip'],
    ['python3.12 -m pip install --requirement=reqs/prod.txt', 'pip'],
    ['/opt/venv/bin/pip install -U -r requirements.txt', 'pip'],
    ['sudo -H pip install -r requirements.txt', 'pip'],
    ['pipenv install --system --deploy', 'pipenv'],
    ['pipenv sync', 'pipenv'],
    ['poetry install --no-root', 'poetry'],
    ['npm ci', 'npm'],
    ['npm --silent install --omit=dev', 'npm'],
    ['env CI=1 npm i', 'npm'],
    ['yarn', 'yarn'],
    ['yarn install --frozen-lockfile', 'yarn'],
    ['pnpm i --frozen-lockfile', 'pnpm'],
    ['go mod download -x', 'go'],
    ['bundle install --jobs 4', 'bundler'],
    ['bundle', 'bundler'],
    ['composer install --no-dev', 'composer'],
    ['php composer.phar install', 'composer'],
    ['mvn -B -q dependency:go-offline', 'maven'],
    ['./mvnw dependency:resolve', 'maven'],
  ])('%s', (body, ecosystem) => {
    expect(install(body)?.ecosystem).toBe(ecosystem);
  });
  it.each([
    'pip install flask', 'pip download -r requirements.txt', 'npm install express', 'npm install -g pnpm', 'npm run build',
    'yarn add left-pad', 'yarn build', 'yarn -v', 'go build ./...', 'go mod download github.com/x/y@v1.0.0', 'bundle exec rake',
    'composer require monolog/monolog', 'mvn package', 'mvn dependency:go-offline package', 'poetry install --only-root',
    'pipenv install requests',
  ])('not an install from manifests: %s', (body) => {
    expect(install(body)).toBeNull();
  });
  it('reports what the command line shows', () => {
    expect(install('pip install -r requirements.txt .')?.problem).toMatch(/installs \. from the local directory/);
    expect(install('pip install -e . -r requirements.txt')?.problem).toMatch(/editable/);
    expect(install('npm ci --prefix web')?.problem).toMatch(/--prefix/);
    expect(install('pip install -r $REQS')?.problem).toMatch(/variable/);
  });
  it('marks the installs that also install the project itself', () => {
    expect(install('poetry install')?.depsOnly).toBe(false);
    expect(install('poetry install --no-root')?.depsOnly).toBe(true);
    expect(install('composer install --no-scripts --no-autoloader')?.depsOnly).toBe(true);
    expect(install('composer install')?.depsOnly).toBe(false);
  });
  it('finds local replace directives in go.mod', () => {
    expect(localReplace('module a\n\nreplace (\n  b => ../b\n  c v1 => d v2\n)\n')).toBe('../b');
    expect(localReplace('module a\nreplace c => d v1.0.0 // pinned\n')).toBeNull();
  });
});

describe('RUNs the source COPY moves past', () => {
  const fp: Footprint = { areas: ['/app'], lines: [3], namedOwner: false, provides: () => false };
  const problem = (body: string, workdir = '/app') => {
    const m = parseDockerfile(`FROM x\nWORKDIR ${workdir}\nRUN ${body}\n`);
    return runProblem(m.instructions[2], fp);
  };
  it.each([
    'apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*',
    'apk add --no-cache --virtual .build-deps gcc musl-dev',
    'useradd --create-home app',
    'pip install --upgrade pip setuptools',
    'npm install -g pnpm@9',
    'cd /tmp && wget -q https://example.com/x.tgz && tar -xzf x.tgz -C /usr/local',
    'curl -fsSL -o /usr/local/bin/tini https://example.com/tini && chmod +x /usr/local/bin/tini',
    'echo "deb http://example.com stable main" > /etc/apt/sources.list.d/x.list',
  ])('safe: %s', (body) => {
    expect(problem(body)).toBeNull();
  });
  it.each([
    ['python manage.py collectstatic', /python may read the sources/],
    ['chown -R app /app', /\/app is where the COPY on line 3 copies to/],
    ['wget https://example.com/data.json', /writes into the working directory/],
    ['cp config.example.py config.py', /config.example.py/],
    ['for f in *.sh; do chmod +x "$f"; done', /for statement/],
    ['make', /make may read the sources/],
    ['sh -c "$SCRIPT"', /cannot be analysed/],
  ])('may read the sources: %s', (body, why) => {
    expect(problem(body)).toMatch(why);
  });
  it('follows cd, also inside a subshell', () => {
    expect(problem('(cd /tmp && wget https://example.com/x) && apt-get update')).toBeNull();
    expect(problem('(cd /tmp && true) && wget https://example.com/x')).toMatch(/working directory/);
  });
  it('looks at PATH', () => {
    const m = parseDockerfile('FROM x\nENV PATH=/app/bin:$PATH\nRUN apt-get update\n');
    expect(runProblem(m.instructions[2], fp)).toMatch(/PATH including \/app\/bin/);
  });
});

describe('the transform', () => {
  const py = memoryContext({ 'requirements.txt': 'flask==3.0.0\n', 'app.py': '' });
  it('says which manifests it copied first', () => {
    const r = run('FROM python:3\nCOPY . /app\nWORKDIR /app\nRUN pip install -r requirements.txt\n', py);
    expect(r.fixes.map((f) => f.message)).toEqual([
      'copied requirements.txt first and moved the COPY on line 2 below pip install -r requirements.txt (line 4), so source edits reuse the installed dependencies',
    ]);
  });
  it('skips with the command and both lines', () => {
    const r = run('FROM python:3\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n', memoryContext({}));
    expect(r.skipped.map((s) => s.reason)).toEqual([
      'pip install -r requirements.txt on line 4 not moved before the COPY on line 3: requirements.txt is not in the build context',
    ]);
  });
  it('leaves Windows stages alone', () => {
    const text = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:/app\nCOPY . .\nRUN pip install -r requirements.txt\n';
    expect(run(text, py).output).toBe(text);
  });
  it('keeps an install that is already first', () => {
    const text = 'FROM python:3\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n';
    const r = run(text, py);
    expect(r.output).toBe(text);
    expect(r.skipped).toEqual([]);
  });
  it('treats an indented COPY like any other', () => {
    const r = run('FROM python:3\nWORKDIR /app\n  COPY . .\nRUN pip install -r requirements.txt\n', py);
    expect(r.output).toBe('FROM python:3\nWORKDIR /app\n  COPY requirements.txt ./\nRUN pip install -r requirements.txt\n  COPY . .\n');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Corpus: every real Dockerfile with its manifests beside it, run with chain-runs.

/** Plausible contents for the manifests CONTEXT.tsv lists. */
const MANIFESTS: Record<string, string> = {
  'requirements.txt': 'flask==3.0.0\n',
  'package.json': '{\n  "name": "app",\n  "version": "1.0.0",\n  "dependencies": {\n    "express": "^4.19.2"\n  }\n}\n',
  'package-lock.json': '{\n  "name": "app",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {}\n}\n',
  'yarn.lock': '# yarn lockfile v1\n',
  'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
  'go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n',
  'go.sum': 'github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=\n',
  'Pipfile': '[packages]\nflask = "==3.0.0"\n',
  'Pipfile.lock': '{"_meta": {"hash": {"sha256": "0"}}, "default": {}, "develop": {}}\n',
  'pyproject.toml': '[tool.poetry]\nname = "app"\nversion = "0.1.0"\n\n[tool.poetry.dependencies]\npython = "^3.12"\nflask = "^3.0"\n',
  'poetry.lock': '# lock\n',
  'Gemfile': 'source "https://rubygems.org"\ngem "rack", "~> 3.0"\n',
  'Gemfile.lock': 'GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (3.0.9)\n',
  'composer.json': '{"require": {"monolog/monolog": "^3.5"}}\n',
  'composer.lock': '{"packages": []}\n',
  'pom.xml': '<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>app</artifactId><version>1</version></project>\n',
  'Cargo.toml': '[package]\nname = "app"\nversion = "0.1.0"\n',
  'Cargo.lock': 'version = 3\n',
  'build.gradle': "plugins { id 'java' }\n",
};
const FILE_LIKE = /^[^.].*\.[A-Za-z0-9]{1,8}$|^\.(?!git$|github$|mvn$|yarn$|vscode$)[\w.-]+$|^(Gemfile|Pipfile|Makefile|mvnw|gradlew)$/;

/** The context CONTEXT.tsv describes; with `repoLike`, also the files the Dockerfile COPYs by name and a typical .dockerignore. */
function corpusContext(text: string, manifests: string[], repoLike: boolean): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of manifests) files[f] = MANIFESTS[f] ?? 'x\n';
  if (!repoLike) return files;
  files['.dockerignore'] = '.git\nnode_modules\nvendor\n.venv\n';
  for (const ins of parseDockerfile(text).instructions) {
    if ((ins.name !== 'COPY' && ins.name !== 'ADD') || ins.heredoc || ins.flags.some((f) => f.name.toLowerCase() === 'from')) continue;
    for (const a of ins.args.slice(0, -1)) {
      const v = a.value.replace(/^\.?\/+/, '');
      if (!v || v.endsWith('/') || /[*?[$]|:\/\//.test(v)) continue;
      const name = v.slice(v.lastIndexOf('/') + 1);
      if (FILE_LIKE.test(name)) files[v] ??= MANIFESTS[name] ?? 'x\n';
    }
  }
  return files;
}

interface Figures {
  files: number;
  moved: number;
  movedFiles: string[];
  skips: string[];
}

function runCorpus(repoLike: boolean): Figures {
  const rows = readFileSync(join(CORPUS, 'CONTEXT.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const figures: Figures = { files: 0, moved: 0, movedFiles: [], skips: [] };
  for (const [id, list] of rows) {
    const text = readFileSync(join(CORPUS, 'files', `${id}.Dockerfile`), 'utf8');
    const context = memoryContext(corpusContext(text, (list ?? '').split(',').filter(Boolean), repoLike));
    let r;
    try {
      r = run(text, context, [depsCopyFirst, chainRuns]);
    } catch (e) {
      if (e instanceof InputError) continue;
      throw new Error(`${id}: ${(e as Error).message}`);
    }
    figures.files++;
    expect(propertyViolations(text, r.output), id).toEqual([]);
    expect(run(r.output, context, [depsCopyFirst, chainRuns]).output, `${id}: a second run changes nothing`).toBe(r.output);
    const moved = r.fixes.filter((f) => f.transform === 'deps-copy-first').length;
    if (moved) {
      figures.moved += moved;
      figures.movedFiles.push(id);
    }
    for (const s of r.skipped) if (s.transform === 'deps-copy-first') figures.skips.push(`${id}: ${s.reason}`);
  }
  return figures;
}

const CATEGORIES: Array<[string, RegExp]> = [
  ['manifest not in the build context', /is not in the build context|no COPY before the install provides/],
  ['node_modules/vendor not excluded by .dockerignore', /in \.dockerignore\)$/],
  ['sources copied with ADD', /copied with ADD/],
  ['a RUN in between may read the sources', /the RUN on line \d+ may read the sources|the RUN runs .* before the install/],
  ['a COPY in between writes there too', /writes into .* too/],
  ['lockfile may be rewritten', /rewrite/],
  ['install needs more than its manifests', /needs the sources|from the local directory|local dependency|workspace|script|--filter|points .* at other files|Yarn 2\+|loads other files|multi-module|plugins/],
  ['copies into a system or home directory', /copies into/],
  ['PATH/virtualenv/home inside the copy', /includes|home directory|venv/],
];

function report(name: string, f: Figures): void {
  const counts = new Map<string, number>();
  for (const s of f.skips) {
    const reason = s.slice(s.indexOf('not moved before'));
    const cat = CATEGORIES.find(([, re]) => re.test(reason))?.[0] ?? 'other';
    counts.set(cat, (counts.get(cat) ?? 0) + 1);
  }
  const lines = [
    `deps-copy-first corpus (${name}): ${f.files} Dockerfiles, ${f.moved} installs moved (${f.movedFiles.join(' ')}), ${f.skips.length} skipped`,
    ...[...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${n}  ${k}`),
    ...f.skips.map((s) => `    ${s}`),
  ];
  console.log(lines.join('\n'));
}

describe('corpus', () => {
  const present = existsSync(join(CORPUS, 'CONTEXT.tsv'));
  if (!present) {
    it.skip(`skipped: no corpus at ${CORPUS} (../shared/corpus from the repository root)`, () => {});
    return;
  }
  it('manifests as CONTEXT.tsv lists them', () => {
    const f = runCorpus(false);
    report('manifests only', f);
    expect(f.files).toBeGreaterThan(700);
  }, 600_000);
  it('plus the files each Dockerfile copies by name and a typical .dockerignore', () => {
    const f = runCorpus(true);
    report('repository-like context', f);
    expect(f.moved).toBeGreaterThan(0);
  }, 600_000);
});
