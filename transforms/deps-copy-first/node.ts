/** Node installs: `npm ci|install`, `yarn [install]`, `pnpm install` (no package arguments). */
import type { ShellCommand, Word } from '../../src/model/types.js';
import {
  ancestors, at, isObject, label, need, newAnalysis, parseArgs, readJson, skipGlobalOptions,
  type Analysis, type Ecosystem, type FileView, type Install, type InstallEnv,
} from './common.js';

/** Root-package scripts npm/yarn/pnpm run during an install. */
const LIFECYCLE = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare', 'dependencies'];
const LOCAL_SPEC = /^(file|link|portal|workspace|patch):|^(\.{1,2}\/|\/|~\/)/;
const DEP_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'overrides', 'resolutions'];

function localSpec(v: unknown): string | null {
  if (typeof v === 'string') return LOCAL_SPEC.test(v) ? v : null;
  if (isObject(v)) {
    for (const x of Object.values(v)) {
      const r = localSpec(x);
      if (r) return r;
    }
  }
  return null;
}

/** Why package.json makes the install need more than the manifests. */
function packageJsonProblem(view: FileView, abs: string, tool: string, ignoreScripts: boolean): string | null {
  const { value, ok } = readJson(view, abs);
  if (!view.exists(abs)) return null;
  if (!ok || !isObject(value)) return 'package.json is not readable JSON';
  if (value.workspaces !== undefined) return `package.json declares workspaces: ${tool} installs them from their directories`;
  for (const f of ['bundleDependencies', 'bundledDependencies']) {
    const b = value[f];
    if (b === true || (Array.isArray(b) && b.length)) return `package.json has ${f}, which ${tool} takes from node_modules`;
  }
  for (const f of [...DEP_FIELDS, 'pnpm']) {
    const r = localSpec(value[f]);
    if (r) return `package.json has a local dependency (${r}): ${tool} needs the sources for it`;
  }
  if (isObject(value.pnpm) && value.pnpm.patchedDependencies !== undefined) return 'package.json patches dependencies from local files';
  if (!ignoreScripts && isObject(value.scripts)) {
    const s = LIFECYCLE.find((k) => isObject(value.scripts) && value.scripts[k] !== undefined);
    if (s) return `package.json has a "${s}" script, which ${tool} runs during the install and which may need the sources`;
  }
  return null;
}

interface NodeSpec {
  ecosystem: Ecosystem;
  valued: string[];
  /** Options that point the install somewhere else. */
  elsewhere: string[];
  /** Options that make it no project install. */
  notProject: string[];
}

const NPM: NodeSpec = {
  ecosystem: 'npm',
  valued: ['--prefix', '-C', '--cache', '--registry', '--loglevel', '--omit', '--include', '--only', '--userconfig',
    '--globalconfig', '--workspace', '-w', '--install-strategy', '--tag', '--fetch-retries', '--fetch-timeout',
    '--maxsockets', '--lockfile-version', '--before', '--cpu', '--os', '--libc', '--script-shell', '--node-options'],
  elsewhere: ['--prefix', '-C', '--workspace', '-w', '--workspaces', '--userconfig', '--globalconfig'],
  notProject: ['-g', '--global', '--location'],
};
const YARN: NodeSpec = {
  ecosystem: 'yarn',
  valued: ['--network-timeout', '--cache-folder', '--registry', '--mode', '--modules-folder', '--cwd', '--mutex',
    '--use-yarnrc', '--network-concurrency', '--global-folder', '--link-folder', '--preferred-cache-folder'],
  elsewhere: ['--modules-folder', '--cwd', '--use-yarnrc', '--no-default-rc'],
  notProject: ['-v', '--version', '-h', '--help'],
};
const PNPM: NodeSpec = {
  ecosystem: 'pnpm',
  valued: ['--reporter', '--store-dir', '--virtual-store-dir', '--modules-dir', '--filter', '-C', '--dir',
    '--network-concurrency', '--child-concurrency', '--resolution-mode', '--lockfile-dir', '--workspace-root'],
  elsewhere: ['--modules-dir', '--filter', '-C', '--dir', '-r', '--recursive', '--lockfile-dir', '-w', '--workspace-root'],
  notProject: ['-g', '--global'],
};

function nodeInstall(cmd: ShellCommand, name: Word, args: Word[], rest: Word[], spec: NodeSpec, sub: string): Install | null {
  const p = parseArgs(rest, spec.valued);
  if (p.has(...spec.notProject)) return null;
  if (p.positionals.some((w) => w.value !== null)) return null;
  const lbl = label(name, args);
  let problem: string | null = null;
  if (p.dynamic) problem = `${lbl}: an argument depends on a variable`;
  else {
    const other = p.options.find((o) => spec.elsewhere.includes(o.name));
    if (other) problem = `${lbl} uses ${other.name}, which points the install at other files`;
  }
  const ignoreScripts = p.has('--ignore-scripts');
  const tool = spec.ecosystem;
  return {
    ecosystem: spec.ecosystem,
    cmd,
    label: lbl,
    chdir: null,
    problem,
    depsOnly: true,
    analyse(view: FileView, env: InstallEnv): Analysis {
      const a = newAnalysis();
      const pkg = at(env, 'package.json');
      const optional = [at(env, '.npmrc')];
      if (tool === 'npm') optional.unshift(at(env, 'package-lock.json'), at(env, 'npm-shrinkwrap.json'));
      if (tool === 'yarn') {
        optional.unshift(at(env, 'yarn.lock'));
        for (const d of ancestors(env.cwd)) optional.push(`${d === '/' ? '' : d}/.yarnrc`);
        for (const d of ancestors(env.cwd).slice(1)) optional.push(`${d === '/' ? '' : d}/.npmrc`);
      }
      if (tool === 'pnpm') optional.unshift(at(env, 'pnpm-lock.yaml'));
      need(a, view, [pkg], optional);
      a.problem = packageJsonProblem(view, pkg, tool, ignoreScripts);
      if (!ignoreScripts && view.exists(at(env, 'binding.gyp'))) {
        a.problem ??= `binding.gyp makes ${tool} build the package itself during the install`;
      }
      a.writes.push({ path: at(env, 'node_modules'), dir: true, why: `${lbl} writes node_modules` });
      if (tool === 'npm' && !NPM_CI.has(sub)) npmLockWrites(view, env, p, lbl, a);
      if (tool === 'yarn') yarnChecks(view, env, a);
      if (tool === 'pnpm') pnpmChecks(view, env, p, lbl, a);
      return a;
    },
  };
}

function npmLockWrites(view: FileView, env: InstallEnv, p: ReturnType<typeof parseArgs>, lbl: string, a: Analysis): void {
  if (p.has('--no-package-lock') || p.options.some((o) => o.name === '--package-lock' && o.value === 'false')) return;
  for (const f of ['npm-shrinkwrap.json', 'package-lock.json']) {
    const abs = at(env, f);
    if (!view.exists(abs)) continue;
    const { value, ok } = readJson(view, abs);
    const version = ok && isObject(value) ? value.lockfileVersion : undefined;
    if (version !== 2 && version !== 3) {
      a.writes.push({ path: abs, dir: false, why: `${lbl} rewrites a lockfileVersion ${String(version ?? '?')} ${f} (npm ci never writes it)` });
    }
    return;
  }
  a.writes.push({ path: at(env, 'package-lock.json'), dir: false, why: `${lbl} writes package-lock.json` });
}

function yarnChecks(view: FileView, env: InstallEnv, a: Analysis): void {
  const { value } = readJson(view, at(env, 'package.json'));
  const pm = isObject(value) && typeof value.packageManager === 'string' ? value.packageManager : '';
  if (view.exists(at(env, '.yarnrc.yml')) || /^yarn@([2-9]|\d\d)/.test(pm)) {
    a.problem ??= 'a Yarn 2+ project: the install writes .pnp.cjs and .yarn/ state beside the sources';
  }
  for (const r of a.reads.filter((x) => x.endsWith('/.yarnrc'))) {
    const text = view.read(r) ?? '';
    if (/^\s*"?(yarn-path|--modules-folder|modules-folder|--cwd)\b/m.test(text)) a.problem ??= `${r} points yarn at other files`;
  }
}

function pnpmChecks(view: FileView, env: InstallEnv, p: ReturnType<typeof parseArgs>, lbl: string, a: Analysis): void {
  for (const d of ancestors(env.cwd)) {
    if (view.exists(`${d === '/' ? '' : d}/pnpm-workspace.yaml`)) a.problem ??= 'a pnpm workspace (pnpm-workspace.yaml): the install reads every package';
  }
  if (!p.has('--ignore-pnpmfile') && view.exists(at(env, '.pnpmfile.cjs'))) a.problem ??= 'pnpm runs hooks from .pnpmfile.cjs, which may load other files';
  for (const o of ['--store-dir', '--virtual-store-dir']) {
    for (const v of p.values(o)) a.writes.push({ path: at(env, v), dir: true, why: `pnpm ${o} ${v}` });
  }
  const lock = at(env, 'pnpm-lock.yaml');
  if (!p.has('--frozen-lockfile') || p.has('--no-frozen-lockfile')) {
    a.writes.push({ path: lock, dir: false, why: `${lbl} may rewrite pnpm-lock.yaml (add --frozen-lockfile)` });
  }
}

const NPM_CI = new Set(['ci', 'clean-install', 'ic', 'install-clean']);
const NPM_SUBCOMMANDS = new Set([...NPM_CI, 'install', 'i', 'isntall', 'add']);
const NPM_GLOBAL_VALUED = new Set(['--prefix', '-C', '--cache', '--registry', '--loglevel', '--userconfig', '--globalconfig', '-w', '--workspace']);

export function recogniseNode(cmd: ShellCommand, base: string, name: Word, args: Word[]): Install | null {
  if (base === 'npm') {
    const sub = skipGlobalOptions(args, NPM_GLOBAL_VALUED);
    if (!NPM_SUBCOMMANDS.has(args[sub]?.value ?? '')) return null;
    return nodeInstall(cmd, name, args, [...args.slice(0, sub), ...args.slice(sub + 1)], NPM, args[sub].value!);
  }
  if (base === 'yarn' || base === 'yarnpkg') {
    const sub = skipGlobalOptions(args, new Set(YARN.valued));
    const word = args[sub]?.value;
    if (word !== undefined && word !== 'install') return null;
    return nodeInstall(cmd, name, args, [...args.slice(0, sub), ...args.slice(sub + 1)], YARN, 'install');
  }
  if (base === 'pnpm') {
    const sub = skipGlobalOptions(args, new Set(PNPM.valued));
    if (!['install', 'i'].includes(args[sub]?.value ?? '')) return null;
    return nodeInstall(cmd, name, args, [...args.slice(0, sub), ...args.slice(sub + 1)], PNPM, 'install');
  }
  return null;
}
