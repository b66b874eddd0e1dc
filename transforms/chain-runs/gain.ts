import { preorder } from '../../src/model/shell.js';
import type { Instruction } from '../../src/model/types.js';
import { covers, hasOption, normalisePath, pmCommands, type PmCommand } from '../shared/package-managers.js';

/**
 * What joining RUNs can buy: facts about single RUN bodies that chain-runs' default policy weighs. Everything
 * here only decides whether a join is worth proposing; whether it is safe is decided by the chaining itself.
 */

/** Package-manager families: tools sharing one package index and cache. */
export type Family = 'apt' | 'apk' | 'rpm' | 'zypper' | 'pip' | 'node' | 'ruby' | 'php' | 'rust' | 'go' | 'conda';

const PM_FAMILY: Record<string, Family> = {
  'apt-get': 'apt', apt: 'apt', aptitude: 'apt', 'apt-cache': 'apt',
  apk: 'apk', dnf: 'rpm', yum: 'rpm', microdnf: 'rpm', tdnf: 'rpm', zypper: 'zypper', pip: 'pip',
};

/** Subcommands that refresh a package index and nothing else. */
const REFRESH: Record<string, Set<string>> = {
  apt: new Set(['update']),
  apk: new Set(['update']),
  rpm: new Set(['makecache']),
  zypper: new Set(['refresh', 'ref']),
};

/** Subcommands that install or upgrade packages (from the index, for the system families). */
const INSTALL: Record<string, Set<string>> = {
  apt: new Set(['install', 'reinstall', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'satisfy']),
  apk: new Set(['add', 'upgrade', 'fix']),
  rpm: new Set(['install', 'groupinstall', 'localinstall', 'reinstall', 'upgrade', 'update', 'distro-sync', 'builddep', 'group', 'module']),
  zypper: new Set(['install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch', 'source-install', 'si']),
  pip: new Set(['install']),
};

/** Installers that are not package-manager commands the model parses: command name → install subcommands. */
const OTHER_INSTALLERS: Record<string, { family: Family; subs: Set<string> | null }> = {
  npm: { family: 'node', subs: new Set(['install', 'i', 'ci', 'add', 'isntall', 'update']) },
  yarn: { family: 'node', subs: new Set(['', 'install', 'add', 'global']) },
  pnpm: { family: 'node', subs: new Set(['install', 'i', 'add']) },
  gem: { family: 'ruby', subs: new Set(['install']) },
  bundle: { family: 'ruby', subs: new Set(['install', '']) },
  composer: { family: 'php', subs: new Set(['install', 'require', 'update']) },
  cargo: { family: 'rust', subs: new Set(['install']) },
  go: { family: 'go', subs: new Set(['install', 'get']) },
  conda: { family: 'conda', subs: new Set(['install', 'create', 'update']) },
  pipenv: { family: 'pip', subs: new Set(['install', 'sync']) },
  poetry: { family: 'pip', subs: new Set(['install', 'add']) },
  mamba: { family: 'conda', subs: new Set(['install', 'create', 'update']) },
  micromamba: { family: 'conda', subs: new Set(['install', 'create', 'update']) },
};

const basename = (v: string): string => v.slice(v.lastIndexOf('/') + 1);

/**
 * How many commands hadolint's DL3059 counts in a RUN body: every simple command with a name, nested ones
 * included (ShellCheck's parse, so not the inside of `sh -c '…'` strings). Null when the body cannot be analysed.
 */
export function commandCount(ins: Instruction): number | null {
  const sh = ins.shell;
  if (ins.json || ins.heredoc || !sh || !sh.ok) return null;
  return sh.commands.filter((c) => c.name !== null && !c.viaShellString).length;
}

const familyOf = (p: PmCommand): Family => PM_FAMILY[p.tool];

/** The family whose package index the RUN refreshes, when that is all it does (`RUN apt-get update`). */
export function refreshOnly(ins: Instruction): Family | null {
  const sh = ins.shell;
  if (!sh || !sh.ok) return null;
  const named = sh.commands.filter((c) => c.name !== null);
  const pms = pmCommands(ins);
  if (pms.length === 0 || pms.length !== named.length) return null;
  const family = familyOf(pms[0]);
  const ok = pms.every((p) => familyOf(p) === family && p.subName !== null && REFRESH[family]?.has(p.subName));
  return ok ? family : null;
}

/** Whether the RUN installs from the family's index before refreshing it itself (it uses the index it finds). */
export function installsFromIndex(ins: Instruction, family: Family): boolean {
  const first = pmCommands(ins).find((p) => familyOf(p) === family && p.subName !== null);
  return first !== undefined && INSTALL[family].has(first.subName!);
}

/** The families whose packages the RUN installs (a heavy step: slow, large, and best cached on its own). */
export function installFamilies(ins: Instruction): Set<Family> {
  const out = new Set<Family>();
  for (const p of pmCommands(ins)) {
    const f = familyOf(p);
    if (p.subName !== null && (INSTALL[f]?.has(p.subName) || REFRESH[f]?.has(p.subName))) out.add(f);
  }
  const sh = ins.shell;
  if (!sh || !sh.ok) return out;
  for (const c of sh.commands) {
    const eff = c.effective;
    const name = eff?.name.value;
    if (!eff || !name) continue;
    const inst = OTHER_INSTALLERS[basename(name)];
    if (!inst) continue;
    const sub = eff.args.find((a) => a.value === null || !a.value.startsWith('-'));
    const subName = sub === undefined ? '' : sub.value;
    if (subName !== null && inst.subs?.has(subName)) out.add(inst.family);
  }
  return out;
}

/** Tools that install a project's dependencies from its manifest when given no packages: name → subcommands. */
const MANIFEST_INSTALLERS: Record<string, Set<string>> = {
  npm: new Set(['install', 'i', 'ci']),
  pnpm: new Set(['install', 'i']),
  yarn: new Set(['', 'install']),
  bundle: new Set(['', 'install']),
  composer: new Set(['install']),
  pipenv: new Set(['install', 'sync']),
  poetry: new Set(['install']),
};

/**
 * Whether the RUN installs a project's dependencies from its manifest (`npm ci`, `yarn`, `pip install -r …`,
 * `bundle install`, …): it reruns whenever the manifest changes, so what shares its layer reruns with it.
 */
export function installsFromManifest(ins: Instruction): boolean {
  if (pmCommands(ins).some((p) => p.tool === 'pip' && p.subName === 'install' && hasOption(p, ['-r', '--requirement']))) return true;
  const sh = ins.shell;
  if (!sh || !sh.ok) return false;
  return sh.commands.some((c) => {
    const eff = c.effective;
    const subs = eff?.name.value ? MANIFEST_INSTALLERS[basename(eff.name.value)] : undefined;
    if (!eff || !subs) return false;
    const words = eff.args.filter((a) => a.value === null || !a.value.startsWith('-'));
    const sub = words.length ? words[0].value : '';
    return sub !== null && subs.has(sub) && words.length <= (sub === '' ? 0 : 1);
  });
}

// ---------------------------------------------------------------------------------------------------------
// What a RUN leaves behind, and what a later RUN removes

/** Caches the families' install commands leave (under the home directory for pip and node: `~`). */
const CACHES: Partial<Record<Family, string[]>> = {
  apt: ['/var/lib/apt/lists', '/var/cache/apt'],
  apk: ['/var/cache/apk', '/etc/apk/cache'],
  rpm: ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'],
  zypper: ['/var/cache/zypp'],
  pip: ['~/.cache/pip'],
  node: ['~/.npm', '~/.cache/yarn', '/usr/local/share/.cache/yarn', '~/.cache/pnpm', '~/.local/share/pnpm'],
  go: ['~/go/pkg', '~/.cache/go-build', '/go/pkg'],
  conda: ['/opt/conda/pkgs'],
  ruby: ['~/.gem', '~/.bundle/cache'],
  php: ['~/.composer/cache', '~/.cache/composer'],
  rust: ['~/.cargo/registry'],
};

/** Commands that empty a family's cache: tool → subcommands, and the paths they empty (the family's caches when absent). */
const CACHE_CLEANERS: Record<string, { family: Family; subs: Set<string>; paths?: Record<string, string[]> }> = {
  'apt-get': {
    family: 'apt',
    subs: new Set(['clean', 'autoclean', 'distclean', 'dist-clean']),
    paths: { clean: ['/var/cache/apt'], autoclean: ['/var/cache/apt'] },
  },
  apt: { family: 'apt', subs: new Set(['clean', 'autoclean', 'distclean']), paths: { clean: ['/var/cache/apt'], autoclean: ['/var/cache/apt'] } },
  apk: { family: 'apk', subs: new Set(['cache']) },
  dnf: { family: 'rpm', subs: new Set(['clean']) },
  yum: { family: 'rpm', subs: new Set(['clean']) },
  microdnf: { family: 'rpm', subs: new Set(['clean']) },
  tdnf: { family: 'rpm', subs: new Set(['clean']) },
  zypper: { family: 'zypper', subs: new Set(['clean', 'cc']) },
  pip: { family: 'pip', subs: new Set(['cache']) },
  npm: { family: 'node', subs: new Set(['cache']), paths: { cache: ['~/.npm'] } },
  yarn: { family: 'node', subs: new Set(['cache']), paths: { cache: ['~/.cache/yarn', '/usr/local/share/.cache/yarn'] } },
  conda: { family: 'conda', subs: new Set(['clean']) },
  go: { family: 'go', subs: new Set(['clean']) },
};

/** Commands that remove installed packages: family → subcommands. */
const REMOVE: Partial<Record<Family, Set<string>>> = {
  apt: new Set(['purge', 'remove', 'autoremove']),
  apk: new Set(['del']),
  rpm: new Set(['remove', 'erase', 'autoremove']),
  zypper: new Set(['remove', 'rm']),
  pip: new Set(['uninstall']),
};

/** What a RUN removes: paths (absolute, or relative to its working directory; caches emptied included), packages. */
interface Removal {
  /** Absolute paths (the home directory resolved) and relative paths as written, normalised. */
  paths: string[];
  packages: Array<{ family: Family; names: Set<string> }>;
}

/** A package name without version, architecture or extras (`curl=7.1`, `libc6:amd64`, `flask[async]==3`). */
const packageName = (v: string): string => v.toLowerCase().replace(/^([a-z0-9][a-z0-9._+-]*).*$/, '$1');

function homeOf(ins: Instruction): string | null {
  const u = ins.state.user;
  if (u === null || /^(root|0)(:.*)?$/.test(u)) return '/root';
  return null;
}

/** A path word as a comparable path: `$HOME`/`~` replaced by the user's home, relative ones as they are. */
function pathOf(ins: Instruction, raw: string, value: string | null): string | null {
  let v = value;
  if (v === null) {
    const home = /^("?)(\$HOME|\$\{HOME\})(\/[^$`"]*)?\1$/.exec(raw);
    if (!home) return null;
    v = `~${home[3] ?? ''}`;
  }
  if (v === '~' || v.startsWith('~/')) {
    const h = homeOf(ins);
    if (h === null) return null;
    v = h + v.slice(1);
  }
  return normalisePath(v);
}

function expandHome(ins: Instruction, p: string): string | null {
  if (!p.startsWith('~')) return p;
  const h = homeOf(ins);
  return h === null ? null : h + p.slice(1);
}

export function removalsOf(ins: Instruction): Removal {
  const out: Removal = { paths: [], packages: [] };
  const sh = ins.shell;
  if (!sh || !sh.ok) return out;
  for (const c of sh.commands) {
    const eff = c.effective;
    const name = eff?.name.value;
    if (!eff || !name) continue;
    if (basename(name) === 'rm') {
      for (const a of eff.args) {
        if (a.value !== null && a.value.startsWith('-')) continue;
        const p = pathOf(ins, a.raw, a.value);
        if (p !== null && p !== '' && p !== '/') out.paths.push(p);
      }
      continue;
    }
    const cleaner = CACHE_CLEANERS[basename(name)];
    if (cleaner) {
      const sub = eff.args.find((a) => a.value !== null && !a.value.startsWith('-'));
      if (!sub || !cleaner.subs.has(sub.value!)) continue;
      for (const c of cleaner.paths?.[sub.value!] ?? CACHES[cleaner.family] ?? []) {
        const p = expandHome(ins, c);
        if (p !== null) out.paths.push(p);
      }
    }
  }
  for (const p of pmCommands(ins)) {
    const f = familyOf(p);
    if (p.subName === null || !REMOVE[f]?.has(p.subName)) continue;
    const names = new Set(p.operands.filter((w) => w.value !== null).map((w) => packageName(w.value!)));
    out.packages.push({ family: f, names });
  }
  return out;
}

/** Static words of a RUN body that may name files it writes: arguments, option values and redirection targets. */
function pathWords(ins: Instruction): string[] {
  const sh = ins.shell!;
  const out: string[] = [];
  const add = (raw: string, value: string | null) => {
    let v = value;
    if (v !== null && v.startsWith('-')) {
      const eq = v.indexOf('=');
      const slash = v.indexOf('/');
      v = eq > 0 ? v.slice(eq + 1) : slash > 0 ? v.slice(slash) : null;
    }
    if (v === null && value !== null) return;
    const p = pathOf(ins, raw, v);
    if (p !== null && p !== '') out.push(p);
  };
  for (const c of sh.commands) for (const a of c.args) add(a.raw, a.value);
  for (const n of preorder(sh.root)) {
    if (n.type !== 'file_redirect') continue;
    const dest = n.children.find((d) => d.field === 'destination');
    if (!dest) continue;
    const raw = sh.text.slice(dest.start - sh.start, dest.end - sh.start);
    add(raw, /[$`]/.test(raw) ? null : raw.replace(/^(['"])(.*)\1$/, '$2'));
  }
  return out;
}

/** A `*`/`?` glob in the last part of a path as a regular expression; null for a path without one. */
function globRegExp(p: string): RegExp | null {
  if (!/[*?]/.test(p)) return null;
  const src = p.split('').map((ch) => (ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${src}(/.*)?$`);
}

const URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** A path resolved in a directory. */
const absolute = (p: string, dir: string): string =>
  p.startsWith('/') ? p : normalisePath(`${dir.replace(/\/$/, '')}/${p.replace(/^\.\//, '')}`);

/** The file a word names, resolved in `dir`: a download named by its URL lands there under the URL's last part. */
const writtenPath = (w: string, dir: string): string => absolute(URL.test(w) ? basename(w.replace(/[?#].*$/, '')) : w, dir);

/** Whether removing `target` (resolved in `dir`) removes the file `written` names (resolved in `wdir`). */
function removes(target: string, dir: string, written: string, wdir: string): boolean {
  const t = absolute(target, dir);
  const w = writtenPath(written, wdir);
  const glob = globRegExp(t);
  return glob ? glob.test(w) : covers(t, w);
}

/** A file name for messages: the last part of a URL (what a download is saved as), else the word. */
const shown = (w: string): string => (URL.test(w) ? basename(w.replace(/[?#].*$/, '')) : w);

/**
 * Why the later RUN's removals free what the earlier RUN wrote and left behind, in a few words; null when they do
 * not (nothing of the earlier RUN is removed, or the earlier RUN already removes it itself).
 */
export function cleansUp(later: Instruction, earlier: Instruction): string | null {
  const sh = earlier.shell;
  if (!sh || !sh.ok) return null;
  const rem = removalsOf(later);
  if (rem.paths.length === 0 && rem.packages.length === 0) return null;
  const wdir = earlier.state.workdir;
  const dir = later.state.workdir;
  const own = removalsOf(earlier).paths.map((p) => absolute(p, wdir));
  const left = (region: string) => !own.some((e) => covers(e, region));
  const removed = rem.paths.map((p) => absolute(p, dir));
  const installs = installFamilies(earlier);
  const pms = pmCommands(earlier);
  // Package caches the earlier RUN fills (apk --no-cache and pip --no-cache-dir leave none).
  const refetched = installFamilies(later);
  for (const f of installs) {
    // A later RUN that fills the cache again cleans its own fetch; the earlier one is the cache transforms' to clean.
    if (refetched.has(f)) continue;
    if (f === 'apk' && pms.every((p) => p.tool !== 'apk' || hasOption(p, ['--no-cache']))) continue;
    if (f === 'pip' && pms.every((p) => p.tool !== 'pip' || hasOption(p, ['--no-cache-dir', '--no-cache']))) continue;
    for (const c of CACHES[f] ?? []) {
      const cache = expandHome(earlier, c);
      if (cache === null) continue;
      for (const p of removed) {
        const region = covers(p, cache) ? cache : covers(cache, p) ? p : null;
        if (region !== null && left(region)) return `the ${f} cache`;
      }
    }
  }
  // Packages installed only to be removed (build dependencies).
  for (const r of rem.packages) {
    for (const p of pms) {
      if (familyOf(p) !== r.family || p.subName === null || !INSTALL[r.family]?.has(p.subName)) continue;
      const names = p.operands.filter((w) => w.value !== null).map((w) => packageName(w.value!));
      const virtual = p.options.filter((o) => o.name === '--virtual' || o.name === '-t').map((o) => o.arg);
      if ([...names, ...virtual].some((n) => n !== null && r.names.has(n))) return 'the build-only packages';
    }
  }
  // A build tree: the earlier RUN works inside the directory that is removed.
  if (wdir !== '/' && removed.some((p) => p !== '/' && covers(p, wdir)) && left(wdir)) return 'the build tree';
  // Files the earlier RUN names (downloads, archives, extracted trees).
  for (const w of pathWords(earlier)) {
    if (rem.paths.some((p) => removes(p, dir, w, wdir)) && left(writtenPath(w, wdir))) return shown(w);
  }
  return null;
}
