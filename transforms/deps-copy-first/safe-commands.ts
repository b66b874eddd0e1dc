/**
 * Whether a RUN (or one command of it) can run before the source COPY instead of after it: it must neither read
 * nor write anything the COPY puts in the image. Only commands known not to look at the working directory
 * qualify (package managers, user management, file commands on paths outside the copied directory, …);
 * anything else might read the sources.
 */
import type { Instruction, ShellBody, ShellCommand, SyntaxNode, Word } from '../../src/model/types.js';
import { preorder } from '../../src/model/shell.js';
import { expandVars, resolvePath } from '../../src/model/vars.js';
import { overlaps } from '../shared/copy-paths.js';
import { pipLocalArg } from './python.js';

/** What the COPYs being moved write. */
export interface Footprint {
  /** Container paths (directories or files) they write. */
  areas: string[];
  /** Line of the COPY each area comes from (same order). */
  lines: number[];
  /** A moved COPY sets owners by user or group name (resolved through /etc/passwd when it runs). */
  namedOwner: boolean;
  /** The moved COPYs put a file at this container path. */
  provides(abs: string): boolean;
}

const PACKAGE_MANAGERS = new Set(['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper', 'pacman', 'apt-key',
  'add-apt-repository', 'update-ca-certificates', 'dpkg-reconfigure', 'locale-gen', 'localedef', 'ldconfig',
  'update-alternatives', 'update-locale', 'apt-mark', 'tdnf']);
const USER_COMMANDS = new Set(['useradd', 'groupadd', 'adduser', 'addgroup', 'usermod', 'groupmod', 'userdel', 'groupdel',
  'deluser', 'delgroup', 'chpasswd', 'passwd']);
const FILE_COMMANDS = new Set(['mkdir', 'rm', 'rmdir', 'chmod', 'chown', 'chgrp', 'ln', 'touch', 'mv', 'cp', 'tar', 'unzip',
  'gunzip', 'cat', 'source', '.']);
const INERT = new Set(['echo', 'printf', 'true', 'false', ':', 'sleep', 'date', 'uname', 'id', 'whoami', 'set', 'export',
  'unset', 'umask', 'ulimit', 'hash', 'type', 'which', 'nproc', 'arch']);
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash']);
const ALLOWED_NODES = new Set(['program', 'list', 'pipeline', 'command', 'command_name', 'word', 'string', 'raw_string',
  'string_content', 'concatenation', 'simple_expansion', 'expansion', 'variable_name', 'number', 'redirected_statement',
  'file_redirect', 'comment', 'subshell', 'command_substitution', 'variable_assignment', 'ansi_c_string', 'file_descriptor',
  'compound_statement', 'special_variable_name']);

export interface CommandScope {
  cwd: string | null;
  vars: Record<string, string>;
  home: string | null;
  fp: Footprint;
}

/** The home directory of the user in force, when known. */
export function homeOf(vars: Record<string, string>, user: string | null): string | null {
  if (vars.HOME) return vars.HOME;
  if (user === null || /^(root|0)(:(root|0))?$/.test(user)) return '/root';
  return null;
}

/** A word's value, expanding ARG/ENV the model knows; null when it depends on anything else. */
export function staticValue(w: Word, vars: Record<string, string>): string | null {
  if (w.value !== null) return w.value;
  if (/`|\$\(|\$\{[^}]*[^\w}]/.test(w.raw)) return null;
  const names = [...w.raw.matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((x) => x[1]);
  if (names.some((n) => !(n in vars))) return null;
  return expandVars(w.raw.replace(/["']/g, ''), vars);
}

function areaLine(fp: Footprint, abs: string): number {
  const i = fp.areas.findIndex((a) => overlaps(a, abs));
  return fp.lines[i];
}

/** Why touching this path could meet what the moved COPYs write, or null. */
export function pathProblem(value: string, scope: CommandScope): string | null {
  let v = value;
  if (v.startsWith('~')) {
    if (!scope.home) return `${value} is in a home directory that is not known`;
    v = scope.home + v.slice(1);
  }
  const glob = v.search(/[*?[]/);
  if (glob >= 0) v = v.slice(0, v.lastIndexOf('/', glob) + 1) || (v.startsWith('/') ? '/' : '.');
  if (!v.startsWith('/') && scope.cwd === null) return `${value} is relative to a directory that is not known`;
  const abs = resolvePath(scope.cwd ?? '/', v);
  if (abs === '/dev/null' || abs.startsWith('/dev/') || abs.startsWith('/proc/')) return null;
  if (scope.fp.areas.some((a) => overlaps(a, abs))) return `${value} is where the COPY on line ${areaLine(scope.fp, abs)} copies to`;
  return null;
}

function pathLike(v: string): boolean {
  return v === '.' || v === '..' || v.startsWith('/') || v.startsWith('./') || v.startsWith('../') || v.startsWith('~');
}

function unquotedGlob(w: Word): boolean {
  const parts = w.node.type === 'concatenation' ? w.node.children : [w.node];
  return parts.some((n) => n.type === 'word' && /[*?[]/.test(w.raw.slice(n.start - w.start, n.end - w.start)));
}

/** Options whose next word is a value, per command. */
const VALUED: Record<string, string[]> = {
  curl: ['-o', '--output', '--output-dir', '-K', '--config', '-T', '--upload-file', '--cacert', '--cert', '-E', '--key',
    '-H', '--header', '-d', '--data', '-u', '--user', '-X', '--request', '-A', '--user-agent', '-m', '--max-time',
    '--retry', '--connect-timeout', '-w', '--write-out', '-e', '--referer', '-x', '--proxy', '--retry-delay', '-r'],
  wget: ['-O', '--output-document', '-P', '--directory-prefix', '-i', '--input-file', '-o', '--output-file', '-a',
    '--append-output', '-t', '--tries', '-T', '--timeout', '--header', '-U', '--user-agent', '--ca-certificate'],
};
const CURL_FILES = new Set(['-o', '--output', '--output-dir', '-K', '--config', '-T', '--upload-file', '--cacert', '--cert', '-E', '--key']);
const WGET_FILES = new Set(['-O', '--output-document', '-P', '--directory-prefix', '-i', '--input-file', '-o', '--output-file', '-a', '--append-output', '--ca-certificate']);

function fetchProblem(base: string, args: Word[], scope: CommandScope): string | null {
  const valued = new Set(VALUED[base]);
  const files = base === 'curl' ? CURL_FILES : WGET_FILES;
  let writesCwd = base === 'wget';
  for (let i = 0; i < args.length; i++) {
    const v = staticValue(args[i], scope.vars);
    if (v === null) continue;
    let name: string | null = null;
    let value: string | null = null;
    if (valued.has(v)) {
      name = v;
      value = args[i + 1] ? staticValue(args[i + 1], scope.vars) : null;
      i++;
    } else if (v.startsWith('--') && v.includes('=')) {
      name = v.slice(0, v.indexOf('='));
      value = v.slice(v.indexOf('=') + 1);
    } else if (/^-[a-zA-Z]+/.test(v) && !v.startsWith('--')) {
      const cluster = v.slice(1);
      if (base === 'curl' && /O|J/.test(cluster) && !cluster.endsWith('o')) writesCwd = true;
      const last = [...cluster].findIndex((c) => valued.has(`-${c}`));
      if (last >= 0) {
        name = `-${cluster[last]}`;
        value = cluster.slice(last + 1) || (args[i + 1] ? staticValue(args[i + 1], scope.vars) : null);
        if (!cluster.slice(last + 1)) i++;
      }
    }
    if (v === '--remote-name' || v === '--remote-name-all') writesCwd = true;
    if (name && files.has(name)) {
      if (base === 'wget' && (name === '-O' || name === '--output-document' || name === '-P' || name === '--directory-prefix')) writesCwd = false;
      if (value === null) return `${base} ${name} takes a path that depends on a variable`;
      if (value === '-') continue;
      const p = pathProblem(value, scope);
      if (p) return `${base} ${name}: ${p}`;
    }
  }
  if (writesCwd) {
    const p = pathProblem('.', scope);
    if (p) return `${base} writes into the working directory: ${p}`;
  }
  return null;
}

function argsProblem(name: string, args: Word[], scope: CommandScope, allPaths: boolean, skipFirst: boolean): string | null {
  let first = skipFirst;
  for (const w of args) {
    const v = staticValue(w, scope.vars);
    if (v === null) {
      if (allPaths) return `${name} takes a path that depends on a variable (${w.raw})`;
      continue;
    }
    if (v.startsWith('-') && v !== '-') continue;
    if (first) {
      first = false;
      continue;
    }
    if (allPaths || pathLike(v) || unquotedGlob(w)) {
      const p = pathProblem(v, scope);
      if (p) return `${name} ${v}: ${p}`;
    }
  }
  return null;
}

function userHomeProblem(name: string, args: Word[], scope: CommandScope): string | null {
  let home: string | null = null;
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = staticValue(args[i], scope.vars);
    if (v === null) return `${name} has an argument that depends on a variable`;
    if (v === '-d' || v === '--home' || v === '--home-dir' || v === '-h') {
      home = args[i + 1] ? staticValue(args[i + 1], scope.vars) : null;
      i++;
    } else if (/^--home(-dir)?=/.test(v)) home = v.slice(v.indexOf('=') + 1);
    else if (!v.startsWith('-')) positionals.push(v);
  }
  if (!home && ['useradd', 'adduser'].includes(name) && positionals.length) home = `/home/${positionals[positionals.length - 1]}`;
  if (home) {
    const p = pathProblem(home, scope);
    if (p) return `${name} makes the home directory ${home}: ${p}`;
  }
  if (scope.fp.namedOwner) return `${name} changes the users and groups that the moved COPY's --chown names refer to`;
  return null;
}

function pipProblem(args: Word[], scope: CommandScope): string | null {
  const sub = args.findIndex((w) => w.value !== null && !w.value.startsWith('-'));
  const verb = args[sub]?.value;
  if (verb === 'cache' || verb === 'uninstall' || verb === 'list' || verb === 'freeze' || verb === '--version') return null;
  if (verb !== 'install') return `pip ${verb ?? ''} is not known to keep away from the sources`;
  for (const w of args.slice(sub + 1)) {
    const v = w.value;
    if (v === null) continue;
    if (/^(-r|--requirement|-c|--constraint|-e|--editable|-t|--target|--prefix|--root|--src|-f|--find-links)(=|$)/.test(v)
      || /^-[rcetf]./.test(v)) return `pip install ${v} reads or writes local files`;
    if (!v.startsWith('-') && pipLocalArg(v)) return `pip install ${v} installs from a local path`;
    if (v === '--user' && scope.home && pathProblem(scope.home, scope)) return 'pip install --user installs into the home directory';
  }
  return null;
}

/** Why a command (not a dependency install) cannot run before the moved COPYs, or null. */
export function commandProblem(cmd: ShellCommand, scope: CommandScope, body: ShellBody | null): string | null {
  if (!cmd.name) return null;
  const eff = cmd.effective;
  if (!eff || eff.name.value === null) return `a command name depends on a variable (${cmd.name.raw})`;
  const path = eff.name.value;
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (path.includes('/')) {
    const p = pathProblem(path, scope);
    if (p) return `${path}: ${p}`;
  }
  const args = eff.args;
  const a0 = args[0]?.value ?? null;
  if (INERT.has(base)) return null;
  if (PACKAGE_MANAGERS.has(base)) return argsProblem(base, args, scope, false, false);
  if (USER_COMMANDS.has(base)) return userHomeProblem(base, args, scope);
  if (FILE_COMMANDS.has(base)) return argsProblem(base, args, scope, true, ['chmod', 'chown', 'chgrp'].includes(base));
  if (base === 'curl' || base === 'wget') return fetchProblem(base, args, scope);
  if (SHELLS.has(base) && body) {
    const inner = body.commands.some((c) => c.viaShellString && c.node.start > cmd.node.start && c.node.end <= cmd.node.end);
    return inner ? null : `${base} runs a script that cannot be analysed`;
  }
  if (/^pip(\d+(\.\d+)*)?$/.test(base)) return pipProblem(args, scope);
  if (/^python(\d+(\.\d+)?)?$/.test(base) && a0 === '-m') {
    const mod = args[1]?.value;
    if (mod === 'pip') return pipProblem(args.slice(2), scope);
    if (mod === 'venv' || mod === 'virtualenv') return argsProblem(`python -m ${mod}`, args.slice(2), scope, true, false);
    return `python -m ${mod ?? ''} may read the working directory`;
  }
  if (base === 'virtualenv') return argsProblem(base, args, scope, true, false);
  if (base === 'npm') {
    if ((a0 === 'install' || a0 === 'i' || a0 === 'update') && args.some((w) => w.value === '-g' || w.value === '--global')) {
      if (args.some((w) => w.value !== null && !w.value.startsWith('-') && /^(file:|link:|\.|\/|~)/.test(w.value))) return 'npm installs a local package';
      if (scope.cwd && scope.fp.provides(resolvePath(scope.cwd, '.npmrc'))) return 'npm reads the .npmrc the moved COPY provides';
      return null;
    }
    if (a0 === 'cache') return null;
    if ((a0 === 'config' || a0 === 'set') && !args.some((w) => /^(--location|-L)/.test(w.value ?? '') )) return null;
    return `npm ${a0 ?? ''} may read the working directory`;
  }
  if (base === 'yarn') {
    if (a0 === 'cache' || (a0 === 'config' && args[1]?.value === 'set')) return null;
    if (a0 === 'global' && args[1]?.value === 'add') {
      if (scope.cwd && ['.yarnrc', '.npmrc'].some((f) => scope.fp.provides(resolvePath(scope.cwd!, f)))) return 'yarn reads the .yarnrc/.npmrc the moved COPY provides';
      return null;
    }
    return `yarn ${a0 ?? ''} may read the working directory`;
  }
  if (base === 'corepack') return a0 === 'enable' || a0 === 'disable' || (a0 === 'prepare' && args.length > 1) ? null : 'corepack may read package.json';
  if (base === 'gem') {
    if (a0 === 'install' || a0 === 'update' || a0 === 'uninstall') {
      const local = args.slice(1).find((w) => w.value !== null && (pathLike(w.value) || w.value.endsWith('.gem')));
      return local ? `gem installs the local file ${local.value}` : null;
    }
    return `gem ${a0 ?? ''} may read the working directory`;
  }
  if (base === 'bundle' && a0 === 'config') {
    if (args.some((w) => w.value === '--local')) return 'bundle config --local writes .bundle/config in the working directory';
    if (scope.cwd && scope.fp.provides(resolvePath(scope.cwd, '.bundle/config'))) return 'bundle config writes the .bundle/config the moved COPY provides';
    return null;
  }
  if (base === 'poetry' && a0 === 'config') return args.some((w) => w.value === '--local') ? 'poetry config --local writes poetry.toml' : null;
  if (base === 'pipx' && a0 === 'install') return argsProblem('pipx', args.slice(1), scope, false, false);
  if (base === 'go' && a0 === 'env' && args[1]?.value === '-w') return null;
  if (base === 'go' && a0 === 'install' && args.slice(1).every((w) => w.value !== null && (w.value.startsWith('-') || /@/.test(w.value)))) return null;
  if (base === 'composer' && (a0 === 'self-update' || a0 === 'selfupdate' || (a0 === 'global' && args[1]?.value === 'require'))) return null;
  if (base === 'git' && a0 === 'config' && args.some((w) => w.value === '--global' || w.value === '--system')) return null;
  return `${base} may read the sources`;
}

/** The first shell construct (loop, condition, …) outside what the analysis understands. */
export function disallowedNode(root: SyntaxNode): string | null {
  for (const n of preorder(root)) if (n.named && !ALLOWED_NODES.has(n.type)) return n.type.replace(/_/g, ' ');
  return null;
}

function redirectProblems(body: ShellBody, scope: CommandScope): string | null {
  const destination = (n: SyntaxNode) => {
    const dest = n.type === 'file_redirect' ? n.children.find((c) => c.field === 'destination') : undefined;
    return dest && dest.type !== 'number' ? dest : null;
  };
  // A redirection's own destination is checked here; nothing below it is.
  for (const n of preorder(body.root, (n) => destination(n) === null)) {
    const dest = destination(n);
    if (!dest) continue;
    const text = body.text.slice(dest.start - body.start, dest.end - body.start);
    if (/^&?\d*-?$/.test(text)) continue;
    if (/[$`'"]/.test(text)) return `a redirection to ${text} depends on a variable`;
    const r = pathProblem(text, scope);
    if (r) return r;
  }
  return null;
}

const SCOPES = new Set(['subshell', 'command_substitution', 'process_substitution', 'pipeline']);

/** Nodes that keep state changes inside them: subshells, substitutions, pipelines of several commands. */
function scopeNodes(root: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const n of preorder(root)) {
    if (SCOPES.has(n.type) && (n.type !== 'pipeline' || n.children.filter((c) => c.named).length > 1)) out.push(n);
  }
  return out;
}

const within = (n: SyntaxNode, c: ShellCommand) => n.start <= c.node.start && c.node.end <= n.end;

/** Why a command runs where its effects or its directory cannot be followed (pipeline, substitution, sh -c). */
export function scopeProblem(body: ShellBody, cmd: ShellCommand): string | null {
  if (cmd.viaShellString) return 'runs inside an sh -c string';
  const outer = scopeNodes(body.root).filter((n) => within(n, cmd));
  const odd = outer.find((n) => n.type !== 'subshell');
  return odd ? `runs inside a ${odd.type.replace(/_/g, ' ')}` : null;
}

/**
 * Walk commands in order, following `cd` (inside a subshell only until it ends); call `check` for each other
 * command with the directory it runs in (null when unknown). Returns the first problem.
 */
export function walkCommands(body: ShellBody, start: string | null, check: (cmd: ShellCommand, cwd: string | null) => string | null): string | null {
  const scopes = scopeNodes(body.root);
  const stack: Array<{ node: SyntaxNode | null; cwd: string | null }> = [{ node: null, cwd: start }];
  for (const cmd of body.commands) {
    while (stack.length > 1 && !within(stack[stack.length - 1].node!, cmd)) stack.pop();
    const top = stack[stack.length - 1];
    const eff = cmd.effective;
    const base = eff?.name.value?.split('/').pop();
    if (base === 'cd' || base === 'pushd' || base === 'popd') {
      const target = eff!.args[0]?.value;
      const next = base === 'cd' && !cmd.viaShellString && target && !target.startsWith('-') && top.cwd !== null
        ? resolvePath(top.cwd, target) : null;
      let inner: SyntaxNode | null = null;
      for (const n of scopes) if (within(n, cmd) && (!inner || n.end - n.start < inner.end - inner.start)) inner = n;
      if (cmd.viaShellString) continue;
      if (!inner) top.cwd = next;
      else if (top.node === inner) top.cwd = inner.type === 'subshell' ? next : null;
      else stack.push({ node: inner, cwd: inner.type === 'subshell' ? next : null });
      continue;
    }
    const r = check(cmd, cmd.viaShellString ? null : top.cwd);
    if (r) return r;
  }
  return null;
}

/** Why a RUN cannot run before the moved COPYs (it might read or write what they copy), or null. */
export function runProblem(ins: Instruction, fp: Footprint): string | null {
  const where = `the RUN on line ${ins.line}`;
  if (ins.json) return `${where} is in exec form and cannot be analysed`;
  if (ins.heredoc) return `${where} has a heredoc`;
  const body = ins.shell;
  if (!body) return `${where} does not run under a POSIX shell`;
  if (!body.ok) return `${where}: ${body.problem}`;
  const bind = mountProblem(ins, fp);
  if (bind) return `${where}: ${bind}`;
  const odd = disallowedNode(body.root);
  if (odd) return `${where} uses a ${odd}, which cannot be analysed`;
  const vars = ins.state.vars;
  const scope: CommandScope = { cwd: ins.state.workdir, vars, home: homeOf(vars, ins.state.user), fp };
  const pathDir = (vars.PATH ?? '').split(':').find((d) => d.startsWith('/') && fp.areas.some((a) => overlaps(a, d)));
  if (pathDir) return `${where} runs with PATH including ${pathDir}, where the COPY on line ${areaLine(fp, pathDir)} copies to`;
  const r = walkCommands(body, ins.state.workdir, (cmd, cwd) => commandProblem(cmd, { ...scope, cwd }, body));
  if (r) return `${where} may read the sources: ${r}`;
  const changedDir = body.commands.some((c) => ['cd', 'pushd', 'popd'].includes(c.effective?.name.value ?? ''));
  const red = redirectProblems(body, { ...scope, cwd: changedDir ? null : ins.state.workdir });
  if (red) return `${where} may read the sources: ${red}`;
  return null;
}

/** A `--mount` of the RUN that shows files at a path the moved COPYs write. */
export function mountProblem(ins: Instruction, fp: Footprint): string | null {
  for (const f of ins.flags) {
    if (f.name.toLowerCase() !== 'mount' || !f.value) continue;
    const kv = new Map(f.value.split(',').map((p) => {
      const i = p.indexOf('=');
      return i < 0 ? [p, 'true'] : [p.slice(0, i), p.slice(i + 1)];
    }));
    const type = kv.get('type') ?? 'bind';
    if (type !== 'bind') continue;
    const target = kv.get('target') ?? kv.get('dst') ?? kv.get('destination');
    if (!target) return 'a bind mount without a target';
    const abs = resolvePath(ins.state.workdir, expandVars(target, ins.state.vars));
    if (fp.areas.some((a) => overlaps(a, abs))) return `it bind-mounts ${target} over where the COPY on line ${areaLine(fp, abs)} copies to`;
  }
  return null;
}
