/** Python installs: `pip install -r`, `pipenv install|sync`, `poetry install`. */
import type { ShellCommand, Word } from '../../src/model/types.js';
import { resolvePath } from '../../src/model/vars.js';
import {
  at, label, need, newAnalysis, parseArgs, skipGlobalOptions, truthy,
  type Analysis, type FileView, type Install, type InstallEnv,
} from './common.js';

const URL = /^[a-z][a-z0-9+.-]*:\/\//i;
const ARCHIVE = /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|tar)$/i;

/** `python -m <module> …` → the module's arguments. */
function pythonModule(base: string, args: Word[], modules: string[]): Word[] | null {
  if (!/^python(\d+(\.\d+)?)?$/.test(base)) return null;
  if (args[0]?.value !== '-m' || !modules.includes(args[1]?.value ?? '')) return null;
  return args.slice(2);
}

// ---------------------------------------------------------------------------------------------------------
// pip

const PIP_GLOBAL_VALUED = new Set(['--cache-dir', '--log', '--proxy', '--timeout', '--retries', '--python', '--exists-action',
  '--cert', '--client-cert', '--trusted-host', '--keyring-provider', '--use-feature', '--use-deprecated']);
const PIP_VALUED = new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url',
  '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--src', '--platform',
  '--python-version', '--implementation', '--abi', '--upgrade-strategy', '--progress-bar', '--cache-dir', '--log',
  '--timeout', '--retries', '--proxy', '--cert', '--client-cert', '--exists-action', '--global-option',
  '--install-option', '--config-settings', '-C', '--no-binary', '--only-binary', '--trusted-host', '--report',
  '--python', '--root-user-action', '--keyring-provider', '--use-feature', '--use-deprecated', '--group']);

/** Whether a pip argument names something on disk rather than a package. */
export function pipLocalArg(v: string): boolean {
  if (URL.test(v)) return /^file:/i.test(v);
  return v === '.' || v === '..' || v.startsWith('.') || v.startsWith('/') || v.startsWith('~') || v.includes('/')
    || ARCHIVE.test(v) || /(^|[\s@])file:/i.test(v);
}

/** Lines of a requirements file as pip reads them: continuations joined, comments dropped. */
function requirementLines(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '');
    if (/\\$/.test(line)) {
      cur += line.slice(0, -1);
      continue;
    }
    cur += line;
    if (cur.trim()) out.push(cur.trim());
    cur = '';
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

const REQ_OPTION = /^(-r|--requirement|-c|--constraint|-e|--editable|-f|--find-links|-i|--index-url|--extra-index-url|--trusted-host|--no-index|--pre|--prefer-binary|--only-binary|--no-binary|--require-hashes|--use-feature|--config-settings|--global-option|--hash)(?:[=\s]+(.*))?$/;

/** Read a requirements file and those it includes; reports why it needs more than the files. */
function readRequirements(view: FileView, abs: string, a: Analysis, seen: Set<string>, rel: string): void {
  if (seen.has(abs)) return;
  seen.add(abs);
  need(a, view, [abs], []);
  const text = view.read(abs);
  if (text === null) return;
  const dir = abs.slice(0, abs.lastIndexOf('/')) || '/';
  for (const line of requirementLines(text)) {
    if (line.startsWith('-')) {
      const short = /^-([rcef])(\S.*)$/.exec(line);
      const m = short ? [line, `-${short[1]}`, short[2]] : REQ_OPTION.exec(line);
      if (!m) {
        a.problem ??= `${rel} has an option pip may read files for: ${line}`;
        continue;
      }
      const value = (m[2] ?? '').trim();
      switch (m[1]) {
        case '-r': case '--requirement': case '-c': case '--constraint':
          if (!URL.test(value)) readRequirements(view, resolvePath(dir, value), a, seen, value);
          break;
        case '-e': case '--editable':
          a.problem ??= `${rel} has an editable requirement (${line}): pip needs the sources for it`;
          break;
        case '-f': case '--find-links':
          if (!URL.test(value) || /^file:/i.test(value)) a.problem ??= `${rel} finds packages in a local directory (${line})`;
          break;
      }
      continue;
    }
    const spec = line.split(';')[0].trim();
    const at = spec.indexOf('@');
    const target = at >= 0 ? spec.slice(at + 1).trim() : spec;
    if (at >= 0 ? !URL.test(target) || /^file:/i.test(target) : pipLocalArg(spec)) {
      a.problem ??= `${rel} installs from a local path (${line}): it needs the sources`;
    }
  }
}

function recognisePip(cmd: ShellCommand, base: string, name: Word, args: Word[]): Install | null {
  let rest: Word[];
  if (/^pip(\d+(\.\d+)*)?$/.test(base)) rest = args;
  else {
    const m = pythonModule(base, args, ['pip', 'pip3']);
    if (!m) return null;
    rest = m;
  }
  const sub = skipGlobalOptions(rest, PIP_GLOBAL_VALUED);
  if (rest[sub]?.value !== 'install') return null;
  const global = parseArgs(rest.slice(0, sub), PIP_GLOBAL_VALUED);
  const p = parseArgs(rest.slice(sub + 1), PIP_VALUED);
  if (!p.has('-r', '--requirement')) return null;
  const reqs = p.values('-r', '--requirement');
  const constraints = p.values('-c', '--constraint');
  let problem: string | null = null;
  const lbl = label(name, args);
  if (p.dynamic || global.dynamic) problem = `${lbl}: an argument depends on a variable`;
  else if (p.has('-e', '--editable')) problem = `${lbl} installs an editable package: it needs the sources`;
  else {
    const local = p.positionals.find((w) => pipLocalArg(w.value!));
    if (local) problem = `${lbl} installs ${local.value} from the local directory: it needs the sources`;
    const links = p.values('-f', '--find-links').find((v) => !URL.test(v) || /^file:/i.test(v));
    if (links) problem ??= `${lbl} finds packages in the local directory ${links}`;
    if (p.has('--report', '--log') || global.has('--log')) problem ??= `${lbl} writes a report or log file`;
  }
  const pipPath = name.value!.includes('/') ? name.value! : null;
  return {
    ecosystem: 'pip',
    cmd,
    label: lbl,
    chdir: null,
    problem,
    depsOnly: true,
    analyse(view: FileView, env: InstallEnv): Analysis {
      const a = newAnalysis();
      const seen = new Set<string>();
      for (const r of [...reqs, ...constraints]) {
        if (URL.test(r)) continue;
        readRequirements(view, at(env, r), a, seen, r);
      }
      if (pipPath) a.uses.push(at(env, pipPath));
      for (const o of ['--target', '-t', '--prefix', '--root', '--src']) {
        for (const v of p.values(o)) a.writes.push({ path: at(env, v), dir: true, why: `pip ${o} ${v} installs there` });
      }
      for (const v of [...p.values('--cache-dir'), ...global.values('--cache-dir')]) {
        if (v !== '/dev/null') a.writes.push({ path: at(env, v), dir: true, why: `pip --cache-dir ${v} writes its cache there` });
      }
      for (const v of [...p.values('--cert', '--client-cert'), ...global.values('--cert', '--client-cert')]) {
        need(a, view, [], [at(env, v)]);
      }
      if (p.has('--user') || truthy(env.vars.PIP_USER)) {
        const home = env.vars.HOME || null;
        a.writes.push({ path: home ? `${home.replace(/\/+$/, '')}/.local` : '/home', dir: true, why: 'pip install --user installs into the home directory' });
      }
      return a;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// pipenv

const PIPENV_VALUED = new Set(['--python', '--pypi-mirror', '--categories', '--extra-pip-args', '-r', '--requirements']);

function recognisePipenv(cmd: ShellCommand, base: string, name: Word, args: Word[]): Install | null {
  let rest: Word[];
  if (base === 'pipenv') rest = args;
  else {
    const m = pythonModule(base, args, ['pipenv']);
    if (!m) return null;
    rest = m;
  }
  const sub = rest[0]?.value;
  if (sub !== 'install' && sub !== 'sync') return null;
  const p = parseArgs(rest.slice(1), PIPENV_VALUED);
  if (p.positionals.some((w) => w.value !== null)) return null;
  const lbl = label(name, args);
  let problem: string | null = null;
  if (p.dynamic) problem = `${lbl}: an argument depends on a variable`;
  else if (p.has('-e', '--editable')) problem = `${lbl} installs an editable package: it needs the sources`;
  else if (p.has('-r', '--requirements')) problem = `${lbl} imports a requirements file into the Pipfile`;
  const keepsLock = sub === 'sync' || p.has('--deploy', '--ignore-pipfile', '--skip-lock');
  return {
    ecosystem: 'pipenv',
    cmd,
    label: lbl,
    chdir: null,
    problem,
    depsOnly: true,
    analyse(view, env) {
      const a = newAnalysis();
      if (env.vars.PIPENV_PIPFILE) a.problem = `PIPENV_PIPFILE points pipenv at ${env.vars.PIPENV_PIPFILE}`;
      const pipfile = at(env, 'Pipfile');
      need(a, view, [pipfile], [at(env, 'Pipfile.lock'), at(env, '.env')]);
      const text = view.read(pipfile);
      if (text && /^\s*[\w.-]+\s*=\s*\{[^}]*\b(path|file)\s*=/m.test(text)) {
        a.problem ??= 'the Pipfile has a local path dependency: pipenv needs the sources for it';
      }
      if (!keepsLock) a.writes.push({ path: at(env, 'Pipfile.lock'), dir: false, why: `${lbl} may re-lock and rewrite Pipfile.lock (pipenv sync or --deploy never do)` });
      if (truthy(env.vars.PIPENV_VENV_IN_PROJECT)) a.writes.push({ path: at(env, '.venv'), dir: true, why: 'PIPENV_VENV_IN_PROJECT puts the virtualenv in .venv' });
      return a;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// poetry

const POETRY_GLOBAL_VALUED = new Set(['-C', '--directory', '-P', '--project']);
const POETRY_VALUED = new Set(['--only', '--with', '--without', '-E', '--extras', '-C', '--directory', '-P', '--project']);

function recognisePoetry(cmd: ShellCommand, base: string, name: Word, args: Word[]): Install | null {
  let rest: Word[];
  if (base === 'poetry') rest = args;
  else {
    const m = pythonModule(base, args, ['poetry']);
    if (!m) return null;
    rest = m;
  }
  const sub = skipGlobalOptions(rest, POETRY_GLOBAL_VALUED);
  if (rest[sub]?.value !== 'install') return null;
  const g = parseArgs(rest.slice(0, sub), POETRY_GLOBAL_VALUED);
  const p = parseArgs(rest.slice(sub + 1), POETRY_VALUED);
  if (p.has('--only-root') || p.positionals.length) return null;
  const lbl = label(name, args);
  let problem: string | null = null;
  if (p.dynamic || g.dynamic) problem = `${lbl}: an argument depends on a variable`;
  else if (p.has('-C', '--directory', '-P', '--project') || g.has('-C', '--directory', '-P', '--project')) {
    problem = `${lbl} runs in another project directory`;
  }
  const noRoot = p.has('--no-root');
  return {
    ecosystem: 'poetry',
    cmd,
    label: lbl,
    chdir: null,
    problem,
    depsOnly: noRoot,
    analyse(view, env) {
      const a = newAnalysis();
      const pyproject = at(env, 'pyproject.toml');
      need(a, view, [pyproject], [at(env, 'poetry.lock'), at(env, 'poetry.toml')]);
      const text = view.read(pyproject) ?? '';
      if (/\{[^}]*\bpath\s*=|@\s*file:|^\s*path\s*=/m.test(text)) {
        a.problem ??= 'pyproject.toml has a path dependency: poetry needs the sources for it';
      }
      const packageMode = /^\s*package-mode\s*=\s*false\b/m.test(text);
      if (!noRoot && !packageMode) a.earlyFlags = ['--no-root'];
      const local = view.read(at(env, 'poetry.toml')) ?? '';
      if (truthy(env.vars.POETRY_VIRTUALENVS_IN_PROJECT) || /^\s*in-project\s*=\s*true\b/m.test(local)) {
        a.writes.push({ path: at(env, '.venv'), dir: true, why: 'poetry puts the virtualenv in .venv (virtualenvs.in-project)' });
      }
      if (!view.exists(at(env, 'poetry.lock'))) {
        a.writes.push({ path: at(env, 'poetry.lock'), dir: false, why: `${lbl} writes poetry.lock when there is none` });
      }
      return a;
    },
  };
}

export function recognisePython(cmd: ShellCommand, base: string, name: Word, args: Word[]): Install | null {
  return recognisePip(cmd, base, name, args) ?? recognisePipenv(cmd, base, name, args) ?? recognisePoetry(cmd, base, name, args);
}
