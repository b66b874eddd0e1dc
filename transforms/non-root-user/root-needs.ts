/**
 * Signs in a Dockerfile (and the scripts it starts) that the container must start as root: low ports,
 * daemons, privilege switches (gosu, su-exec, …), root-only commands at startup, users created for something
 * else to switch to, and volumes the user could not write.
 */
import { parseShell, parseShellBody, preorder } from '../../src/model/shell.js';
import type { Instruction, Model, SyntaxNode } from '../../src/model/types.js';
import { expandVars, resolvePath } from '../../src/model/vars.js';
import type { TransformContext } from '../../src/transform-types.js';
import { copyCreating } from './copied-dirs.js';
import { shellWrites } from '../shared/shell-writes.js';
import { madeDirs, workdirWrites } from './written-paths.js';

export interface Finding {
  code:
    | 'base-image' | 'ci-action' | 'low-port' | 'daemon' | 'net-admin' | 'privilege-switch' | 'root-command' | 'unreadable-script'
    | 'created-user' | 'volume' | 'root-home' | 'app-writes' | 'device';
  reason: string;
  line: number;
}

/** Commands that start as root and switch to another user. */
const PRIVILEGE_SWITCH = new Set([
  'gosu', 'su-exec', 'setpriv', 'chroot', 'su', 'runuser', 'sudo', 's6-setuidgid', 'chpst', 'setuidgid',
  'start-stop-daemon', 'capsh',
]);

/** Daemons that start as root (bind low ports, manage other users' processes, or need capabilities). */
const ROOT_DAEMONS = new Set([
  'nginx', 'httpd', 'apache2', 'apache2ctl', 'apachectl', 'apache2-foreground', 'httpd-foreground', 'sshd', 'systemd',
  'init', 'cron', 'crond', 'supervisord', 'dockerd', 'dockerd-entrypoint.sh', 'rsyslogd', 'postfix', 'dnsmasq',
  'vsftpd', 'proftpd', 'squid', 'named', 'openvpn', 'xinetd', 'my_init', 's6-svscan', 'runsvdir', 'php-fpm',
  'service', 'systemctl', 'mysqld', 'mysqld_safe', 'postgres', 'pg_ctl', 'redis-server', 'mongod',
]);

/** Programs that capture packets or manage the network: they need root (CAP_NET_RAW / CAP_NET_ADMIN). */
const NETWORK_TOOLS = new Set([
  'snort', 'suricata', 'tcpdump', 'tshark', 'dumpcap', 'zeek', 'bro', 'masscan', 'nmap', 'hping3', 'ettercap',
  'arpspoof', 'iftop', 'nethogs', 'wg-quick', 'ipsec', 'charon', 'iked', 'iptables', 'ip6tables', 'nft', 'tc',
]);

/** Commands that need root when the container runs them at startup. */
const ROOT_COMMANDS = new Set([
  'chown', 'chgrp', 'useradd', 'usermod', 'userdel', 'adduser', 'addgroup', 'groupadd', 'groupmod', 'mount',
  'sysctl', 'modprobe', 'iptables', 'ip6tables', 'update-ca-certificates', 'setcap', 'ldconfig',
]);
/** Package manager subcommands that change the system (listing and querying work without root). */
const PACKAGE_CHANGES = new Set([
  'install', 'add', 'update', 'upgrade', 'dist-upgrade', 'remove', 'del', 'purge', 'autoremove', 'erase', 'reinstall', 'in',
]);

/** Packages whose main program is a daemon that starts as root. */
const DAEMON_PACKAGES = new Set([
  'nginx', 'nginx-full', 'nginx-light', 'nginx-extras', 'apache2', 'httpd', 'openssh-server', 'openssh', 'supervisor',
  'cron', 'cronie', 'dcron', 'systemd', 'systemd-sysv', 'rsyslog', 'postfix', 'squid', 'dnsmasq', 'vsftpd', 'proftpd',
  'bind9', 'openvpn', 'xinetd', 'docker', 'docker.io', 'docker-ce', 'mysql-server', 'mariadb-server', 'mariadb',
  'postgresql', 'redis-server', 'redis', 'mongodb-org', 'php-fpm', 'php7.4-fpm', 'php8.1-fpm', 'php8.2-fpm',
  'php8.3-fpm', 'php81-fpm', 'php82-fpm', 'php83-fpm', 'php84-fpm',
]);

/** Variables that name the port or address a server listens on (not the ports of services it connects to). */
const LISTEN_PORT_VAR = /^(PORT|(HTTPS?|SERVER|APP|WEB|LISTEN)_PORT|[A-Z0-9_]*_LISTEN_PORT|ASPNETCORE_HTTPS?_PORTS)$/i;
const LISTEN_URL_VAR = /^(ASPNETCORE_URLS|[A-Z0-9_]*_(LISTEN|BIND)(_ADDR|_ADDRESS)?|(LISTEN|BIND)(_ADDR|_ADDRESS)?)$/i;

const PACKAGE_TOOLS = new Set(['apt-get', 'apt', 'aptitude', 'apk', 'yum', 'dnf', 'microdnf', 'zypper']);
/** Program wrappers to look through: init shims and `exec`-like builtins. */
const WRAPPERS = new Set(['exec', 'tini', 'tini-static', 'dumb-init', 'nohup', 'env', 'command', 'catatonit']);
export const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);

export const base = (p: string) => p.split('/').pop() ?? p;

/** Programs that, started with no script or command, give an interactive prompt. */
const INTERACTIVE = /^(sh|bash|ash|dash|zsh|fish|python[0-9.]*|node|nodejs|irb|ruby|php|jshell|ghci|iex|erl|R|julia|pwsh|perl|lua[0-9.]*|scala|tclsh)$/;

/** A command as a list of words (unquoted where static; dynamic words kept as written). */
export type Words = string[];

/** Drop wrappers (`exec`, `tini --`, `dumb-init`, `env A=b`) from the front of a command. */
export function unwrap(words: Words): Words {
  let w = words;
  for (let depth = 0; depth < 6 && w.length; depth++) {
    if ((w[0] === 'bundle' || base(w[0]) === 'bundle') && w[1] === 'exec') {
      w = w.slice(2);
      continue;
    }
    if (!WRAPPERS.has(base(w[0]))) break;
    let i = 1;
    while (i < w.length && (w[i].startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[i]))) {
      if (w[i] === '--') {
        i++;
        break;
      }
      i++;
    }
    w = w.slice(i);
  }
  return w;
}

/** Strip the quotes of a shell word well enough to recognise command names and paths. */
function unquote(raw: string): string {
  return raw.replace(/^(['"])(.*)\1$/s, '$2');
}

/** Simple commands of a shell script or `sh -c` string (parsed with the shell grammar). */
export function scriptCommands(text: string): Words[] {
  const out: Words[] = [];
  for (const n of preorder(parseShell(text).root)) {
    if (n.type !== 'command') continue;
    const words: Words = [];
    for (const c of n.children) {
      if (c.field === 'name' || c.field === 'argument') words.push(unquote(text.slice(c.start, c.end)));
    }
    if (words.length) out.push(words);
  }
  return out;
}

/** The `-c` string of `sh -c '…'`, or null. */
function shellString(words: Words): string | null {
  if (!SHELLS.has(base(words[0] ?? ''))) return null;
  for (let i = 1; i < words.length; i++) {
    if (!words[i].startsWith('-')) return null;
    if (/^-[a-z]*c[a-z]*$/.test(words[i])) return words[i + 1] ?? null;
  }
  return null;
}

/** Commands a CMD/ENTRYPOINT runs, with `sh -c` strings opened up. */
export function startupCommands(m: Model, ins: Instruction): Words[] {
  let cmds: Words[];
  if (ins.json) {
    cmds = [ins.args.map((a) => a.value)];
  } else {
    const body = parseShellBody(m.text, ins.argsStart, ins.argsEnd, m.escape);
    cmds = body.ok
      ? body.commands.filter((c) => c.name).map((c) => [c.name!, ...c.args].map((w) => w.value ?? w.raw))
      : [ins.args.map((a) => a.value)];
  }
  const out: Words[] = [];
  for (const c of cmds) {
    const w = unwrap(c);
    const str = shellString(w);
    if (str !== null) out.push(...scriptCommands(str).map(unwrap));
    else if (w.length) out.push(w);
  }
  return out;
}

/** The command line the container starts with: ENTRYPOINT (exec form) followed by CMD, wrappers removed. */
function startupWords(m: Model, entry: Instruction | null, cmd: Instruction | null): Words {
  const words = (ins: Instruction): Words => (ins.json ? ins.args.map((a) => a.value) : ['sh', '-c', m.text.slice(ins.argsStart, ins.argsEnd)]);
  let w: Words = entry ? words(entry) : [];
  if (cmd && (!entry || entry.json)) w = [...w, ...words(cmd)];
  w = unwrap(w);
  const str = shellString(w);
  if (str !== null) {
    const first = scriptCommands(str)[0];
    return first ? unwrap(first) : [];
  }
  return w;
}

/** A port below 1024 named by a word (`0.0.0.0:80`, `--port=443`, `http://+:80`), or null. */
function lowPortIn(word: string, prev: string | undefined): number | null {
  let port: string | undefined;
  const hostPort = /^(?:[a-z]+:\/\/)?(?:\[[0-9a-f:]*\]|[\w.*+-]*):(\d{1,5})\/?$/i.exec(word);
  if (hostPort) port = hostPort[1];
  const flag = /^--?[\w-]*port=(\d{1,5})$/i.exec(word);
  if (flag) port = flag[1];
  if (!port && prev && /^--?[\w-]*port$/i.test(prev) && /^\d{1,5}$/.test(word)) port = word;
  if (port === undefined) return null;
  const n = Number(port);
  return n > 0 && n < 1024 ? n : null;
}

function checkCommand(words: Words, where: string, line: number): Finding | null {
  const name = base(words[0] ?? '');
  if (PRIVILEGE_SWITCH.has(name)) {
    return { code: 'privilege-switch', reason: `${where} switches user with ${name}, so the container must start as root`, line };
  }
  if (ROOT_DAEMONS.has(name) || /^\/etc\/init\.d\//.test(words[0] ?? '')) {
    return { code: 'daemon', reason: `${where} starts ${name}, a daemon that needs root`, line };
  }
  if (NETWORK_TOOLS.has(name)) {
    return { code: 'net-admin', reason: `${where} runs ${name}, which needs raw network access or network administration (root)`, line };
  }
  const changesPackages = PACKAGE_TOOLS.has(name) && words.slice(1).some((w) => PACKAGE_CHANGES.has(w));
  if (ROOT_COMMANDS.has(name) || changesPackages) {
    return { code: 'root-command', reason: `${where} runs ${name}, which needs root`, line };
  }
  const globalInstall = (/^pip[0-9.]*$/.test(name) && words.includes('install') && !words.some((w) => /^--(user|target|prefix)\b|^-t$/.test(w)))
    || (['npm', 'yarn', 'pnpm'].includes(name) && words.some((w) => ['install', 'i', 'add'].includes(w)) && words.some((w) => w === '-g' || w === '--global' || w === 'global'));
  if (globalInstall) {
    return { code: 'root-command', reason: `${where} installs packages with ${name} at start-up, into directories owned by root`, line };
  }
  for (let i = 1; i < words.length; i++) {
    const p = lowPortIn(words[i], words[i - 1]);
    if (p !== null) return { code: 'low-port', reason: `${where} listens on port ${p}: ports below 1024 need root`, line };
  }
  return null;
}

/** A COPY/ADD split into sources and destination (ARG/ENV substituted); a heredoc source's text in `inline`. */
export interface CopyParts {
  srcs: string[];
  /** Destination as written. */
  destRaw: string;
  /** Destination resolved against the WORKDIR in force. */
  dest: string;
  inline: string | null;
  /** Copies from another stage or image (`--from`). */
  fromOther: boolean;
}

export function copyParts(m: Model, ins: Instruction): CopyParts | null {
  if (ins.name !== 'COPY' && ins.name !== 'ADD') return null;
  let words: string[];
  let inline: string | null = null;
  if (ins.heredoc) {
    const lines = m.text.slice(ins.argsStart, ins.argsEnd).split(/\r?\n/);
    words = lines[0].trim().split(/\s+/);
    const marker = words.map((w) => /^<<-?(["']?)([A-Za-z_][A-Za-z0-9_]*)\1$/.exec(w)).find((x) => x !== null);
    if (marker) {
      const end = lines.findIndex((l, i) => i > 0 && l.trim() === marker[2]);
      inline = lines.slice(1, end < 0 ? lines.length : end).join('\n');
    }
  } else {
    words = ins.args.map((a) => a.value);
  }
  words = words.map((w) => expandVars(w, ins.state.vars));
  if (words.length < 2) return null;
  const destRaw = words[words.length - 1];
  return {
    srcs: words.slice(0, -1),
    destRaw,
    dest: resolvePath(ins.state.workdir, destRaw),
    inline,
    fromOther: ins.flags.some((f) => f.name.toLowerCase() === 'from'),
  };
}

/**
 * Where a file in the image comes from through the COPY/ADD instructions of the final image: the text of a
 * heredoc, or candidate context paths. `copied` is false when no COPY/ADD produces it.
 */
export function contextSources(m: Model, chainIns: Instruction[], path: string): { inline: string | null; candidates: string[]; copied: boolean } {
  const candidates: string[] = [];
  let copied = false;
  let inline: string | null = null;
  const byName = !path.includes('/');
  for (const ins of chainIns) {
    const c = copyParts(m, ins);
    if (!c) continue;
    const { srcs, destRaw, dest } = c;
    if (c.inline !== null) {
      if (dest === path || (byName && base(dest) === path)) {
        copied = true;
        inline = c.inline;
      }
      continue;
    }
    const destIsDir = destRaw.endsWith('/') || srcs.length > 1;
    for (const src0 of srcs) {
      if (/^[a-z]+:\/\//i.test(src0)) continue;
      const src = src0.replace(/^\.?\/+/, '').replace(/\/+$/, '');
      const srcBase = base(src);
      const hits: string[] = [];
      if (byName) {
        // Found through PATH: a copy that lands a file with this name.
        if (srcBase === path || (!destIsDir && base(dest) === path)) hits.push(src);
      } else if (path === dest && !destIsDir) {
        hits.push(src);
      } else if (path.startsWith(`${dest === '/' ? '' : dest}/`)) {
        const rel = path.slice(dest === '/' ? 1 : dest.length + 1);
        if (src === '.' || src === '') hits.push(rel);
        else if (/[*?[]/.test(src)) hits.push(src.includes('/') ? `${src.slice(0, src.lastIndexOf('/'))}/${base(rel)}` : base(rel));
        else {
          hits.push(`${src}/${rel}`);
          if (rel === srcBase) hits.push(src);
        }
      }
      if (hits.length) {
        copied = true;
        // A file from another stage or image cannot be read here.
        if (!c.fromOther) candidates.push(...hits);
      }
    }
  }
  return { inline, candidates, copied };
}

const SCRIPT_NAME = /\.(sh|bash)$|entrypoint|start|run|init|boot|launch|setup/i;

/** Check a program run at startup that the file copies from the build context (an entrypoint script). */
function checkScript(m: Model, chainIns: Instruction[], ins: Instruction, program: string, ctx: TransformContext): Finding | null {
  const path = program.includes('/') ? resolvePath(ins.state.workdir, program) : program;
  const { inline, candidates, copied } = contextSources(m, chainIns, path);
  if (!copied) return null;
  const text = inline ?? candidates.map((c) => ctx.context.readText(c)).find((t) => t !== null) ?? null;
  const where = `${ins.name} (line ${ins.line}) runs ${program}, which`;
  if (text === null) {
    if (!SCRIPT_NAME.test(base(program))) return null;
    return {
      code: 'unreadable-script',
      reason: `${where} is copied into the image but could not be read to check that it does not need root (gosu, su-exec, chown, …)`,
      line: ins.line,
    };
  }
  if (text.includes('\u0000')) return null;
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
  const interpreter = shebang ? base(shebang[1]) === 'env' ? base(shebang[2] ?? '') : base(shebang[1]) : null;
  if (interpreter !== null ? !SHELLS.has(interpreter) : !/\.(sh|bash)$/.test(program)) return null;
  for (const w of scriptCommands(text)) {
    const f = checkCommand(unwrap(w), `the script ${program} (run by ${ins.name} on line ${ins.line})`, ins.line);
    if (f) return f;
  }
  const etc = shellWrites(text).find((w) => w.path === '/etc' || w.path.startsWith('/etc/'));
  if (etc) {
    return { code: 'root-command', reason: `the script ${program} (run by ${ins.name} on line ${ins.line}) writes ${etc.path} (${etc.by}), which only root can write`, line: ins.line };
  }
  return null;
}

/** The program a startup command runs as a script: `./start.sh`, `sh start.sh`, `/entrypoint`. */
export function scriptOf(words: Words): string | null {
  if (!words.length) return null;
  if (SHELLS.has(base(words[0]))) {
    const arg = words.slice(1).find((w) => !w.startsWith('-'));
    return arg ?? null;
  }
  return words[0];
}

/** Commands of a RUN: from the model's shell analysis, or by parsing a heredoc script. */
export function runCommands(m: Model, ins: Instruction): Words[] {
  const sh = ins.shell;
  if (sh?.ok) {
    return sh.commands
      .filter((c) => c.name)
      .map((c) => (c.effective ? [c.effective.name, ...c.effective.args] : [c.name!, ...c.args]).map((w) => w.value ?? w.raw));
  }
  if (!ins.heredoc || !ins.state.posix) return [];
  // `RUN <<EOF` alone on its line runs the heredoc body as a script; otherwise the first line holds the commands.
  const lines = m.text.slice(ins.argsStart, ins.argsEnd).split(/\r?\n/);
  const only = /^<<-?(["']?)([A-Za-z_][A-Za-z0-9_]*)\1[ \t]*$/.exec(lines[0].trim());
  let script = lines[0];
  if (only) {
    const endAt = lines.findIndex((l, i) => i > 0 && l.trim() === only[2]);
    script = lines.slice(1, endAt < 0 ? lines.length : endAt).join('\n');
  }
  return scriptCommands(script).map(unwrap);
}

const USERADD_VALUE_FLAGS = 'bcdefgGkKpRPsuZ';
const ADDUSER_VALUE_FLAGS = 'hgsGuk';
const LONG_VALUE_FLAGS = new Set([
  '--base-dir', '--comment', '--home-dir', '--home', '--expiredate', '--inactive', '--gid', '--groups', '--skel',
  '--key', '--password', '--root', '--prefix', '--shell', '--uid', '--selinux-user', '--firstuid', '--lastuid',
  '--ingroup', '--gecos', '--conf', '--firstgid', '--lastgid',
]);

/** The user a useradd/adduser command creates ('$' when it depends on a variable), or null. */
function createdUser(words: Words): string | null {
  const name = base(words[0] ?? '');
  if (name !== 'useradd' && name !== 'adduser') return null;
  const withValue = name === 'useradd' ? USERADD_VALUE_FLAGS : ADDUSER_VALUE_FLAGS;
  const positional: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const v = words[i];
    if (v.startsWith('--')) {
      if (!v.includes('=') && LONG_VALUE_FLAGS.has(v)) i++;
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      for (let k = 1; k < v.length; k++) {
        if (withValue.includes(v[k])) {
          if (k === v.length - 1) i++;
          break;
        }
      }
      continue;
    }
    positional.push(v);
  }
  // `adduser user group` adds an existing user to a group.
  if (positional.length !== 1) return null;
  return /[$`]/.test(positional[0]) ? '$' : positional[0];
}

interface Scope {
  m: Model;
  ctx: TransformContext;
  /** Instructions of the final image (its stages, base first, FROMs excluded). */
  chainIns: Instruction[];
  entry: Instruction | null;
  cmd: Instruction | null;
  /** WORKDIR the container starts in. */
  workdir: string;
  inheritsApp: boolean;
}

/** Images meant to be built FROM (or used as shells by CI), whose users expect root. */
function baseImageSign({ m, ctx, chainIns, entry, cmd, inheritsApp }: Scope): Finding | null {
  const onbuild = chainIns.find((i) => i.name === 'ONBUILD');
  if (onbuild) {
    return {
      code: 'base-image',
      reason: `ONBUILD on line ${onbuild.line}: this is a base image for other builds, whose RUN steps expect root`,
      line: onbuild.line,
    };
  }
  if (!entry && !cmd && !inheritsApp) {
    return {
      code: 'base-image',
      reason: 'the final image sets no CMD or ENTRYPOINT: it looks like a base image for other builds, whose RUN steps expect root',
      line: chainIns[chainIns.length - 1]?.line ?? 1,
    };
  }
  const startup = startupWords(m, entry, cmd);
  if (!inheritsApp && startup.length && INTERACTIVE.test(base(startup[0])) && startup.slice(1).every((w) => w.startsWith('-'))) {
    const ins = (entry ?? cmd)!;
    return {
      code: 'base-image',
      reason: `${ins.name} (line ${ins.line}) starts an interactive ${base(startup[0])}: this looks like a base, tool or CI image whose users expect root`,
      line: ins.line,
    };
  }
  if (ctx.context.exists('action.yml') || ctx.context.exists('action.yaml')) {
    return {
      code: 'ci-action',
      reason: 'the build context holds action.yml: GitHub runs Docker container actions as root (a USER line breaks their access to the workspace)',
      line: (entry ?? cmd)?.line ?? 1,
    };
  }
  return null;
}

/** EXPOSE, or a listen-port variable, below 1024. */
function lowPortSign({ chainIns }: Scope): Finding | null {
  for (const ins of chainIns) {
    if (ins.name === 'EXPOSE') {
      for (const a of ins.args) {
        const v = expandVars(a.value, ins.state.vars);
        const r = /^(\d+)(?:-\d+)?(?:\/\w+)?$/.exec(v);
        if (r && Number(r[1]) < 1024) {
          return { code: 'low-port', reason: `EXPOSE ${v} (line ${ins.line}): ports below 1024 need root`, line: ins.line };
        }
      }
    }
    if (ins.name !== 'ENV' && ins.name !== 'ARG') continue;
    const legacy = ins.name === 'ENV' && ins.args.length > 0 && !ins.args[0].value.includes('=');
    const pairs: Array<[string, string]> = legacy
      ? [[ins.args[0].value, ins.args.slice(1).map((a) => a.value).join(' ')]]
      : ins.args.flatMap((a): Array<[string, string]> => {
        const eq = a.value.indexOf('=');
        return eq < 0 ? [] : [[a.value.slice(0, eq), a.value.slice(eq + 1)]];
      });
    for (const [key, raw] of pairs) {
      const val = expandVars(raw.replace(/^["']|["']$/g, ''), ins.state.vars);
      const low = LISTEN_PORT_VAR.test(key) && /^\d+$/.test(val) && Number(val) > 0 && Number(val) < 1024
        ? Number(val)
        : LISTEN_URL_VAR.test(key) ? val.split(/[;,\s]+/).map((w) => lowPortIn(w, undefined)).find((p) => p !== null) ?? null
          : null;
      if (low !== null) {
        return { code: 'low-port', reason: `${ins.name} ${key} (line ${ins.line}) sets port ${low}: ports below 1024 need root`, line: ins.line };
      }
    }
  }
  return null;
}

/** A RUN that installs a daemon package. */
function daemonPackageSign({ m, chainIns }: Scope): Finding | null {
  for (const ins of chainIns) {
    if (ins.name !== 'RUN') continue;
    for (const words of runCommands(m, ins)) {
      if (!PACKAGE_TOOLS.has(base(words[0] ?? ''))) continue;
      const sub = words.findIndex((w, i) => i > 0 && ['install', 'add', 'in'].includes(w));
      if (sub < 0) continue;
      for (const w of words.slice(sub + 1)) {
        const pkg = w.replace(/[=~<>].*$/s, '');
        if (DAEMON_PACKAGES.has(pkg)) {
          return { code: 'daemon', reason: `the RUN on line ${ins.line} installs ${pkg}, a daemon that starts as root`, line: ins.line };
        }
      }
    }
  }
  return null;
}

/** What CMD/ENTRYPOINT and the scripts they start run. */
function startupSign({ m, ctx, chainIns, entry, cmd }: Scope): Finding | null {
  for (const ins of [entry, cmd]) {
    if (!ins) continue;
    const cmds = startupCommands(m, ins);
    for (const w of cmds) {
      const f = checkCommand(w, `${ins.name} (line ${ins.line})`, ins.line);
      if (f) return f;
    }
    for (const w of cmds) {
      const program = scriptOf(w);
      const f = program ? checkScript(m, chainIns, ins, program, ctx) : null;
      if (f) return f;
    }
  }
  return null;
}

const inRootHome = (p: string) => p === '/root' || p.startsWith('/root/');
/** Files in root's home that only interactive shells or build-time tools read (not the app's state). */
const BUILD_DOTFILE = /^(~|\/root)\/(\.(bashrc|profile|bash_profile|bash_aliases|zshrc|inputrc|vimrc|gemrc|cache|wget-hsts|pip|config\/pip|gnupg)|\.ssh)(\/|$)/;

/** Things the app needs from root's home (mode 700). */
function rootHomeSign({ m, chainIns, workdir, entry, cmd }: Scope): Finding | null {
  if (inRootHome(workdir)) {
    const line = chainIns[chainIns.length - 1]?.line ?? 1;
    return { code: 'root-home', reason: `the working directory ${workdir} is inside root's home (mode 700), which a non-root user cannot enter`, line };
  }
  for (const ins of chainIns) {
    if (ins.name === 'ENV') {
      for (const a of ins.args) {
        const val = expandVars(a.value, ins.state.vars);
        if (val.split(/[:=\s"']/).some((p) => inRootHome(p) || p === '~' || p.startsWith('~/'))) {
          return { code: 'root-home', reason: `ENV on line ${ins.line} points into root's home (${a.value}), which a non-root user cannot read`, line: ins.line };
        }
      }
    }
    if (ins.name === 'RUN') {
      for (const w of runCommands(m, ins)) {
        if (/^pip[0-9.]*$/.test(base(w[0] ?? '')) && w.includes('install') && w.includes('--user')) {
          return { code: 'root-home', reason: `the RUN on line ${ins.line} installs Python packages with pip --user into root's home, which a non-root user cannot read`, line: ins.line };
        }
      }
      const home = ins.shell?.ok
        ? shellWrites(ins.shell.text).find((w) => (inRootHome(expandVars(w.path, ins.state.vars)) || w.path.startsWith('~/')) && !BUILD_DOTFILE.test(w.path))
        : undefined;
      if (home) {
        return { code: 'root-home', reason: `the RUN on line ${ins.line} writes ${home.path} (${home.by}), inside root's home (mode 700), where a non-root user cannot read it`, line: ins.line };
      }
    }
    if (ins.name === 'VOLUME' || ins.name === 'WORKDIR') {
      const p = ins.args.map((a) => expandVars(a.value.replace(/^["']|["']$/g, ''), ins.state.vars)).find((v) => inRootHome(resolvePath(ins.state.workdir, v)));
      if (p !== undefined) {
        return { code: 'root-home', reason: `${ins.name} ${p} (line ${ins.line}) is inside root's home (mode 700), which a non-root user cannot enter`, line: ins.line };
      }
    }
    const dest = copyParts(m, ins)?.dest;
    if (dest !== undefined && inRootHome(dest)) {
      return { code: 'root-home', reason: `${ins.name} on line ${ins.line} puts files in ${dest}, inside root's home (mode 700), where a non-root user cannot read them`, line: ins.line };
    }
  }
  for (const ins of [entry, cmd]) {
    if (!ins) continue;
    const word = startupCommands(m, ins).flat().find((w) => w.split(/[=:]/).some((p) => inRootHome(p) || p.startsWith('~/')));
    if (word !== undefined) {
      return { code: 'root-home', reason: `${ins.name} on line ${ins.line} uses ${word}, inside root's home (mode 700), which a non-root user cannot read`, line: ins.line };
    }
  }
  return null;
}

/** Servers that write pid files and logs under the application directory, when that directory is root's. */
function appWritesSign({ m, chainIns, entry, cmd, workdir }: Scope): Finding | null {
  if (workdir === '/') return null;
  const writer = [entry, cmd].flatMap((ins) => (ins ? startupCommands(m, ins).map((w) => ({ ins, w })) : [])).find(({ w }) => {
    const n = base(w[0] ?? '');
    return (n === 'rails' && ['s', 'server'].includes(w[1])) || ['puma', 'unicorn', 'thin'].includes(n)
      || (/^php[0-9.]*$/.test(n) && w.includes('artisan') && w.includes('serve'));
  });
  if (!writer) return null;
  const copied = chainIns.find((ins) => {
    const dest = copyParts(m, ins)?.dest;
    if (dest === undefined) return false;
    const chown = ins.flags.find((f) => f.name.toLowerCase() === 'chown');
    if (chown?.value && !/^(root|0)(:|$)/.test(chown.value)) return false;
    return dest === workdir || dest.startsWith(`${workdir}/`);
  });
  if (!copied) return null;
  return {
    code: 'app-writes',
    reason: `${writer.ins.name} (line ${writer.ins.line}) starts ${base(writer.w[0])}, which writes pid files and logs under ${workdir}, but the files there are owned by root (${copied.name} on line ${copied.line} has no --chown)`,
    line: writer.ins.line,
  };
}

/** A user the file creates but never switches to: something else is meant to drop privileges to it. */
function createdUserSign({ m, chainIns }: Scope): Finding | null {
  const switchedTo = new Set(
    chainIns.filter((i) => i.name === 'USER').map((i) => expandVars(i.args.map((a) => a.value).join(' '), i.state.vars).split(':')[0]),
  );
  for (const ins of chainIns) {
    if (ins.name !== 'RUN') continue;
    for (const words of runCommands(m, ins)) {
      const u = createdUser(words);
      if (u === null || switchedTo.has(u)) continue;
      return {
        code: 'created-user',
        reason: `the RUN on line ${ins.line} creates user ${u === '$' ? '(named by a variable)' : u} but the image never switches to it: its entrypoint or a service manager probably drops root privileges to it`,
        line: ins.line,
      };
    }
  }
  return null;
}

/** A VOLUME whose mount point stays root's. */
function volumeSign({ m, chainIns }: Scope): Finding | null {
  for (const ins of chainIns) {
    if (ins.name !== 'VOLUME') continue;
    for (const a of ins.args) {
      const written = expandVars(a.value.replace(/^["']|["']$/g, ''), ins.state.vars);
      const path = resolvePath('/', written);
      if (path === '/tmp' || path === '/var/tmp') continue;
      const chowned = chainIns.some((r) => r.name === 'RUN' && runCommands(m, r).some((w) =>
        ['chown', 'chmod'].includes(base(w[0])) && w.slice(1).some((x) => !x.startsWith('-') && resolvePath('/', x) === path)));
      // A directory made with mkdir, or created by a COPY, is given to the user by the fix (or the fix skips).
      if (chowned || madeDirs(m, chainIns).some((d) => d.path === path && d.ins.index < ins.index) || copyCreating(m, chainIns, path)) continue;
      return {
        code: 'volume',
        reason: `VOLUME ${written} (line ${ins.line}) is created owned by root, so a non-root user could not write to it: create the user and chown the directory before the VOLUME line`,
        line: ins.line,
      };
    }
  }
  return null;
}

/** Startup that writes into a working directory the image did not make with mkdir (root's, from WORKDIR or COPY). */
function workdirWriteSign({ m, ctx, chainIns, entry, cmd, workdir }: Scope): Finding | null {
  // Writes into a directory the image makes with mkdir, or one a COPY creates, are given to the user by the fix.
  const made = madeDirs(m, chainIns);
  const handled = (p: string) => made.some((d) => d.path === p) || copyCreating(m, chainIns, p) !== null;
  const w = workdirWrites(m, chainIns, workdir, entry, cmd, ctx)
    .find((x) => !handled(workdir) && !handled(x.path) && !handled(x.path.slice(0, x.path.lastIndexOf('/'))));
  if (!w) return null;
  return {
    code: 'app-writes',
    reason: `the working directory ${workdir} is written at start-up (${w.by}) but is owned by root: this file does not make it with mkdir, so it cannot be given to the user with a plain chown`,
    line: w.line,
  };
}

/** Images made to use GPUs or other devices: their device nodes are open to root and the video/render groups. */
const DEVICE_IMAGE = /(^|\/)(nvidia\/|cuda)|nvcr\.io\/|(^|[-:])(gpu|cuda|cudnn|rocm)([-.:]|$)|^rocm\//i;
const DEVICE_ENV = /^(NVIDIA_VISIBLE_DEVICES|NVIDIA_DRIVER_CAPABILITIES|CUDA_VISIBLE_DEVICES|HIP_VISIBLE_DEVICES)=?/;

function deviceSign({ m, chainIns, entry, cmd }: Scope): Finding | null {
  const root = chainIns[0]?.stage;
  let s = root ?? null;
  while (s?.baseStage) s = s.baseStage;
  if (s && DEVICE_IMAGE.test(s.resolvedImage)) {
    return { code: 'device', reason: `the base image ${s.resolvedImage} (line ${s.from.line}) is a GPU image: device access (--gpus, --device) is set up for root, and the user would need the video/render groups`, line: s.from.line };
  }
  for (const ins of chainIns) {
    if (ins.name === 'ENV' && ins.args.some((a) => DEVICE_ENV.test(a.value))) {
      return { code: 'device', reason: `ENV on line ${ins.line} selects GPU devices: device access is set up for root, and the user would need the video/render groups`, line: ins.line };
    }
    if (ins.name === 'RUN' && runCommands(m, ins).some((w) => ['usermod', 'gpasswd', 'adduser'].includes(base(w[0] ?? '')) && w.some((x) => /(^|,)(video|render|dialout|plugdev)(,|$)/.test(x)))) {
      return { code: 'device', reason: `the RUN on line ${ins.line} adds a user to a device group (video, render, dialout, plugdev): the image uses devices`, line: ins.line };
    }
  }
  for (const ins of [entry, cmd]) {
    const word = ins ? startupCommands(m, ins).flat().find((w) => /(^|=)\/dev\/(?!null$|stdout$|stderr$|shm(\/|$)|fd\/)/.test(w)) : undefined;
    if (ins && word !== undefined) {
      return { code: 'device', reason: `${ins.name} on line ${ins.line} uses the device ${word}, which is open to root only`, line: ins.line };
    }
  }
  return null;
}

const SIGNS = [baseImageSign, lowPortSign, daemonPackageSign, deviceSign, startupSign, rootHomeSign, appWritesSign, workdirWriteSign, createdUserSign, volumeSign];

/**
 * The first sign that the container must start as root, or null.
 * `chainIns`: the instructions of the final image (its stages, base first, FROMs excluded); `inheritsApp` when
 * the base image is an application that already runs as its own non-root user (its entrypoint is meant to be kept).
 */
export function rootNeed(m: Model, chainIns: Instruction[], ctx: TransformContext, inheritsApp: boolean): Finding | null {
  const lastOf = (name: string) => [...chainIns].reverse().find((i) => i.name === name) ?? null;
  const last = chainIns[chainIns.length - 1];
  const workdir = !last ? '/' : last.name === 'WORKDIR'
    ? resolvePath(last.state.workdir, expandVars(last.args.map((a) => a.value).join(' '), last.state.vars))
    : last.state.workdir;
  const scope: Scope = { m, ctx, chainIns, entry: lastOf('ENTRYPOINT'), cmd: lastOf('CMD'), workdir, inheritsApp };
  for (const sign of SIGNS) {
    const f = sign(scope);
    if (f) return f;
  }
  return null;
}
