/**
 * What a build context holds that `.dockerignore` could keep from the builder: version-control data, caches,
 * installed dependencies, build output, logs and `.env` files. Each candidate is found in the context itself (never
 * guessed), with what the Dockerfile shows about whether the build or the image needs it.
 */
import type { Instruction, Model } from '../../src/model/types.js';
import { commandsOf } from '../../src/plugins/query.js';
import type { BuildContext, Tier } from '../../src/transform-types.js';

export interface Candidate {
  /** The `.dockerignore` line. */
  entry: string;
  /** Context paths the line excludes that the context holds (the first is named in messages). */
  paths: string[];
  tier: Tier;
  /** Why the candidate is left out (the Dockerfile may need it), or null. */
  needed: string | null;
}

/** Directories the cache search does not enter: large, and never holding a project's own caches. */
const NOT_SEARCHED = new Set(['.git/', '.hg/', '.svn/', 'node_modules/', 'vendor/', 'target/']);
/** Most directories the search for `__pycache__` lists. */
const MAX_SEARCHED_DIRS = 500;
const MAX_DEPTH = 6;

/** Templates of `.env` files: committed on purpose, and holding no secrets. */
const ENV_TEMPLATE = /\.(example|sample|template|dist|defaults?|tmpl|tpl)$/i;
const ENV_FILE = /^\.env(\..+)?$/;

/** A piece of the Dockerfile that could name a context path, and whether it is a COPY/ADD source. */
interface Reader {
  index: number;
  text: string;
  copy: boolean;
}

/** The Dockerfile's text that could name a context path: RUN, CMD, ENTRYPOINT, ENV, ARG, and COPY/ADD sources. */
function readers(model: Model): Reader[] {
  const out: Reader[] = [];
  const add = (ins: Instruction, index: number) => {
    const body = model.text.slice(ins.argsStart, ins.argsEnd);
    if (ins.name === 'COPY' || ins.name === 'ADD') {
      // A copy from a stage or an image does not read the context; the destination (the last argument) is no source.
      if (ins.flags.some((f) => f.name.toLowerCase() === 'from')) return;
      const text = ins.heredoc ? body : ins.args.slice(0, -1).map((a) => a.value).join(' ');
      out.push({ index, text, copy: true });
    } else if (ins.name === 'ONBUILD' && ins.trigger) {
      add(ins.trigger, index);
    } else if (!['FROM', 'WORKDIR', 'USER', 'LABEL', 'EXPOSE', 'MAINTAINER', 'STOPSIGNAL'].includes(ins.name)) {
      out.push({ index, text: body, copy: false });
    }
  };
  model.instructions.forEach((ins) => add(ins, ins.index));
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `text` names `name` as a path or a path segment (`dist`, `./dist/x`, `/app/dist`, `"dist"`). */
function names(text: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_.-])${escapeRe(name)}($|[^A-Za-z0-9_-])`, 'm').test(text);
}

/** Whether a Dockerfile's `text` may name what the `.dockerignore` line `entry` excludes. */
export function namesEntry(text: string, entry: string): boolean {
  const name = entry.replace(/^\*\*\//, '');
  return name.startsWith('*') ? text.includes(name.slice(1)) : names(text, name);
}

interface Signals {
  runs: string;
  has(path: string): boolean;
}

const NODE_INSTALL = /\b(npm\s+(ci|install|i)\b|yarn(\s+install\b|\s*($|&&|;|\|\||\\))|pnpm\s+(i|install)\b|bun\s+(i|install)\b)/m;
const NODE_BUILD = /\b(npm|pnpm|yarn|bun)\s+(run\s+)?build\b|\b(tsc|vite\s+build|next\s+build|ng\s+build|webpack)\b/;
const CARGO_BUILD = /\bcargo\s+(build|install|test|chef)\b/;
const MAVEN_BUILD = /(^|[\s/])mvnw?\s[^\n]*\b(package|install|verify)\b/m;
const GRADLE_BUILD = /(^|[\s/])gradlew?\s[^\n]*\b(build|assemble|installDist|bootJar|jar|shadowJar)\b/m;
/** Subcommands of a version-control tool that read no repository in the working directory. */
const NO_REPOSITORY: Record<string, RegExp> = {
  git: /^(clone|ls-remote|init|version|--version|help|config --(global|system))\b/,
  hg: /^(clone|version|--version|help)\b/,
  svn: /^(checkout|co|export|--version|help)\b/,
};

/** Why a RUN may read the context's repository data through `tool`, or null. */
function runsVcs(model: Model, tool: 'git' | 'hg' | 'svn'): string | null {
  for (const ins of model.instructions) {
    if (ins.name !== 'RUN') continue;
    const body = model.text.slice(ins.argsStart, ins.argsEnd);
    if (!names(body, tool)) continue;
    const cmds = commandsOf(ins);
    if (cmds.length === 0) {
      // Not parsed (a heredoc, exec form): the tool where it stands as a command (at a line start, after && ; | or `(`).
      const at = new RegExp(`(^|[;&|(]|\\bthen|\\bdo)\\s*(sudo\\s+)?${tool}\\s+([^\\n]*)`, 'gm');
      for (const m of body.matchAll(at)) {
        if (!NO_REPOSITORY[tool].test(m[3])) return `the RUN on line ${ins.line} runs ${tool} ${m[3].split(/\s/)[0]}`.trimEnd();
      }
      continue;
    }
    for (const c of cmds) {
      if (c.name !== tool) continue;
      const args = c.args.map((a) => a.value ?? '$').join(' ');
      if (!NO_REPOSITORY[tool].test(args)) return `the RUN on line ${ins.line} runs ${tool} ${c.args[0]?.value ?? ''}`.trimEnd();
    }
  }
  return null;
}

/** Go stamps binaries with the revision of the repository they are built in (`-buildvcs`, on by default). */
const GO_BUILD = /\bgo\s+(build|install)\b/;

/** Python builds that read the repository's history for their version. */
const VCS_VERSIONING = /setuptools[_-]scm|hatch-vcs|versioneer|dunamai|dynamic-versioning|versioningit/;

/** Build output directories a RUN of the Dockerfile makes again, with the build command that does. */
function rebuilt(s: Signals): Map<string, RegExp> {
  const out = new Map<string, RegExp>();
  if (s.has('package.json') && NODE_BUILD.test(s.runs)) {
    out.set('dist', NODE_BUILD);
    out.set('build', NODE_BUILD);
  }
  if ((s.has('build.gradle') || s.has('build.gradle.kts')) && GRADLE_BUILD.test(s.runs)) out.set('build', GRADLE_BUILD);
  if (s.has('Cargo.toml') && CARGO_BUILD.test(s.runs)) out.set('target', CARGO_BUILD);
  if (s.has('pom.xml') && MAVEN_BUILD.test(s.runs)) out.set('target', MAVEN_BUILD);
  return out;
}

/** `__pycache__` directories of the context (a bounded search). */
function pycacheDirs(context: BuildContext): string[] {
  const found: string[] = [];
  const queue: Array<{ dir: string; depth: number }> = [{ dir: '', depth: 0 }];
  let listed = 0;
  while (queue.length > 0 && listed < MAX_SEARCHED_DIRS) {
    const { dir, depth } = queue.shift()!;
    const names = context.list?.(dir) ?? null;
    listed++;
    if (!names) continue;
    for (const n of names) {
      if (!n.endsWith('/') || NOT_SEARCHED.has(n)) continue;
      const path = dir + n.slice(0, -1);
      if (n === '__pycache__/') found.push(path);
      else if (depth < MAX_DEPTH && !context.exists(`${path}/pyvenv.cfg`)) queue.push({ dir: `${path}/`, depth: depth + 1 });
    }
  }
  return found;
}

/** Every candidate the context holds, in the order the lines are written. */
export function findCandidates(model: Model, context: BuildContext): Candidate[] {
  const top = context.list?.('') ?? [];
  const has = (name: string) => top.includes(name) || top.includes(`${name}/`);
  const parts = readers(model);
  const text = parts.map((p) => p.text).join('\n');
  const runList = model.instructions.filter((i) => i.name === 'RUN');
  const runs = runList.map((i) => model.text.slice(i.argsStart, i.argsEnd)).join('\n');
  const s: Signals = { runs, has };
  const out: Candidate[] = [];
  const named = (name: string) => (names(text, name) ? `the Dockerfile names ${name}` : null);
  /** Build output is named by a COPY from the context, or read before the RUN that builds it again. */
  const namedBeforeBuild = (name: string, build: RegExp) => {
    const first = runList.find((i) => build.test(model.text.slice(i.argsStart, i.argsEnd)))?.index ?? Infinity;
    const hit = parts.find((p) => (p.copy || p.index < first) && names(p.text, name));
    return hit ? `the Dockerfile ${hit.copy ? 'copies' : 'names'} ${name}${hit.copy ? '' : ' before the RUN that builds it'}` : null;
  };

  for (const [vcs, tool] of [['.git', 'git'], ['.hg', 'hg'], ['.svn', 'svn']] as const) {
    if (!has(vcs)) continue;
    const run = runsVcs(model, tool);
    let needed = named(vcs) ?? (run ? `${run}, which may read ${vcs}` : null);
    if (!needed && vcs === '.git') {
      const manifest = ['pyproject.toml', 'setup.py', 'setup.cfg'].find((f) => VCS_VERSIONING.test(context.readText(f) ?? ''));
      if (manifest) needed = `${manifest} takes its version from git history`;
      else if (has('go.mod') && GO_BUILD.test(runs) && !/-buildvcs=false/.test(runs)) {
        needed = 'go build stamps the binary with the git revision (-buildvcs) when .git is sent';
      } else if (/\bgit\s+(rev-parse|describe|log|show|rev-list)\b/.test(context.readText('package.json') ?? '')) {
        needed = 'a package.json script runs git';
      }
    }
    out.push({ entry: vcs, paths: [vcs], tier: 'safe', needed });
  }
  const pycache = pycacheDirs(context);
  if (pycache.length > 0) out.push({ entry: '**/__pycache__', paths: pycache, tier: 'safe', needed: named('__pycache__') });
  for (const cache of ['.pytest_cache', '.mypy_cache', '.ruff_cache']) {
    if (top.includes(`${cache}/`)) out.push({ entry: cache, paths: [cache], tier: 'safe', needed: named(cache) });
  }

  if (top.includes('node_modules/')) {
    const needed = named('node_modules') ?? (NODE_INSTALL.test(runs) ? null : 'no RUN installs the Node packages: the image may use the copied node_modules');
    out.push({ entry: 'node_modules', paths: ['node_modules'], tier: 'unsafe', needed });
  }
  for (const n of top) {
    if (!n.endsWith('/') || !context.exists(`${n}pyvenv.cfg`)) continue;
    const dir = n.slice(0, -1);
    out.push({ entry: dir, paths: [dir], tier: 'unsafe', needed: named(dir) });
  }
  const again = rebuilt(s);
  for (const dir of ['dist', 'build', 'target']) {
    if (!top.includes(`${dir}/`)) continue;
    // Output no RUN makes again may be what the image runs (`CMD node dist/index.js` with no build step).
    const build = again.get(dir);
    const needed = build ? namedBeforeBuild(dir, build) : `no RUN rebuilds ${dir}: the image may use the copied one`;
    out.push({ entry: dir, paths: [dir], tier: 'unsafe', needed });
  }
  const logs = top.filter((n) => !n.endsWith('/') && n.endsWith('.log'));
  if (logs.length > 0) out.push({ entry: '*.log', paths: logs, tier: 'unsafe', needed: names(text, '*.log') ? 'the Dockerfile names *.log' : logs.map(named).find(Boolean) ?? null });
  for (const n of top) {
    if (n.endsWith('/') || !ENV_FILE.test(n) || ENV_TEMPLATE.test(n)) continue;
    out.push({ entry: n, paths: [n], tier: 'unsafe', needed: named(n) });
  }
  return out;
}
