import type { Edit } from '../../src/edits.js';
import { afterBackquoteComments } from '../../src/model/backquote-comments.js';
import type { Instruction, Model, Stage, Word } from '../../src/model/types.js';
import {
  analysable,
  analysableRuns,
  mountsOf,
  parsePm,
  type PmCommand,
  pmCommands,
  runsUpTo,
  stageChain,
} from '../shared/package-managers.js';
import { stageRelease, type StageRelease } from '../shared/debian-release.js';
import { heredocTextMatching } from '../shared/earlier-config.js';
import { scriptEscape } from '../shared/heredoc-append.js';
import { planInstall } from './plan.js';
import type { Fix, Skip, Transform } from '../../src/transform-types.js';

const FALSY = /^"?(false|0|no|off)"?$/i;
/** apt configuration that turns recommends off (`APT::Install-Recommends "false";` in apt.conf.d). */
const CONFIG_OFF = /APT::Install-Recommends\s+"?(false|0|no|off)"?/i;

/**
 * apt's own option parser matches long options without regard to case and reads a word before the option's name
 * as its sense: `--no-`, `--false-`, `--without-`, `--disable-install-recommends` turn recommends off.
 */
const SENSED = /^--(?:([a-z]+)-)?install-recommends$/i;
const SENSE_OFF = /^(no|false|without|disable)$/i;

/** What the command's own options say about recommends: 'off', 'on', or null when they say nothing. */
function optionSays(pm: PmCommand): 'off' | 'on' | null {
  for (const o of pm.options) {
    const sensed = SENSED.exec(o.name);
    if (sensed?.[1]) return SENSE_OFF.test(sensed[1]) ? 'off' : 'on';
    if (sensed) return o.arg !== null && FALSY.test(o.arg) ? 'off' : 'on';
    if ((o.name === '-o' || o.name === '--option') && o.arg) {
      const kv = /^APT::Install-Recommends=(.*)$/i.exec(o.arg);
      if (kv) return FALSY.test(kv[1]) ? 'off' : 'on';
    }
  }
  return null;
}

/** The line of an earlier command (this stage or a base stage) that writes the apt setting turning recommends off. */
function configTurnsOff(pm: PmCommand): number | null {
  const before = firstOffBefore(pm.ins);
  if (before) return before.line;
  const at = configOffAt(pm.ins);
  return at !== null && at < pm.cmd.node.start ? pm.ins.line : null;
}

const firstOffCache = new WeakMap<Instruction, Instruction | null>();

/**
 * The first RUN before this one (in its stage or the stages it is built FROM) that writes the setting turning
 * recommends off. Found for the whole stage at once: looking through the earlier RUNs for each install made a stage
 * of thousands of RUNs quadratic.
 */
function firstOffBefore(ins: Instruction): Instruction | null {
  let found = firstOffCache.get(ins);
  if (found !== undefined) return found;
  const stage = ins.stage!;
  found = null;
  // The RUNs up to the stage's end; those up to any RUN of it are a prefix of them.
  for (const run of runsUpTo(stage.instructions[stage.instructions.length - 1])) {
    if (!firstOffCache.has(run)) firstOffCache.set(run, found);
    if (found === null && configOffAt(run) !== null) found = run;
  }
  return firstOffCache.get(ins) ?? null;
}

const configOffCache = new WeakMap<Instruction, number | null>();

/** Offset of the first command of a RUN that writes the setting turning recommends off, or null. */
function configOffAt(run: Instruction): number | null {
  let at = configOffCache.get(run);
  if (at === undefined) {
    at = null;
    if (analysable(run)) {
      const c = run.shell!.commands.find((c) => [c.name, ...c.args].some((w) => w?.value && CONFIG_OFF.test(w.value)));
      if (c) at = c.node.start;
      const text = heredocTextMatching(run, CONFIG_OFF);
      if (text !== null && (at === null || text < at)) at = text;
    }
    configOffCache.set(run, at);
  }
  return at;
}

/** Package name of an operand (`curl=7.88*`, `curl:amd64`, `curl/bookworm-backports` → `curl`). */
function packageName(w: Word): string | null {
  if (w.value === null) return null;
  return w.value.replace(/[=/].*$/s, '').replace(/:[a-z0-9-]+$/, '').toLowerCase();
}

const isAptInstall = (p: PmCommand) => (p.tool === 'apt-get' || p.tool === 'apt') && p.subName === 'install';

// ---------------------------------------------------------------------------------------------------------
// Recommended packages that builds rely on without knowing

interface Companion {
  pkg: string;
  /** Packages whose (dependencies') Recommends bring `pkg` in. */
  triggers: RegExp;
  /** Packages that bring `pkg` in through Depends (or are it). */
  satisfiedBy: RegExp;
  why: string;
  /** Extra condition on the stage. */
  when?: (m: Model, pm: PmCommand) => boolean;
}

const SSH_URL = /^(ssh:\/\/|git\+ssh:\/\/|[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:)/;

/** The stage (or a base stage) clones over SSH: a `--mount=type=ssh` RUN, or `git` with an SSH URL. */
function stageUsesGitSsh(_m: Model, pm: PmCommand): boolean {
  for (const stage of stageChain(pm.ins.stage!)) {
    for (const ins of stage.instructions) {
      if (ins.name !== 'RUN') continue;
      if (mountsOf(ins).some((mt) => mt.type === 'ssh')) return true;
      if (!analysable(ins)) continue;
      for (const c of ins.shell!.commands) {
        if (c.effective?.name.value?.split('/').pop() === 'git' && c.effective.args.some((a) => a.value && SSH_URL.test(a.value))) {
          return true;
        }
      }
    }
  }
  return false;
}

/** The stage (or a base stage) runs `pip install`. */
function stageRunsPipInstall(_m: Model, pm: PmCommand): boolean {
  return stageChain(pm.ins.stage!).some((stage) =>
    stage.instructions.some((ins) => pmCommands(ins).some((p) => p.tool === 'pip' && p.subName === 'install')));
}

/**
 * Debian/Ubuntu packages pull these in only as Recommends (checked against bookworm's metadata with
 * `apt-cache show` and `apt-cache depends --recurse`): after `--no-install-recommends` they silently go missing.
 */
export const COMPANIONS: Companion[] = [
  {
    pkg: 'ca-certificates',
    // curl → libcurl4, git → libcurl3-gnutls and git itself, wget, python3.x, aria2, mercurial-common Recommend it;
    // apt-transport-https exists only to fetch over HTTPS (it pulled libcurl3-gnutls on older releases).
    triggers: /^(curl|wget|wget2|git|git-core|aria2|mercurial|apt-transport-https|libcurl3|libcurl4|libcurl3-gnutls|libcurl4-openssl-dev|libcurl4-gnutls-dev|python3|python3\.\d+)$/,
    // python3-pip Depends on ca-certificates.
    satisfiedBy: /^(ca-certificates|python3?-pip)$/,
    why: 'HTTPS needs it',
  },
  {
    pkg: 'libc6-dev',
    // gcc Recommends libc6-dev | libc-dev: without it there is no stdio.h, limits.h, crt1.o.
    triggers: /^gcc(-\d+)?$/,
    satisfiedBy: /^(libc6-dev|libc-dev|build-essential|g\+\+(-\d+)?|clang(-\d+)?)$/,
    why: 'compiling C needs its headers',
  },
  {
    pkg: 'openssh-client',
    // git Recommends ssh-client.
    triggers: /^(git|git-core)$/,
    satisfiedBy: /^(openssh-client|ssh-client|ssh)$/,
    why: 'the stage clones over SSH',
    when: stageUsesGitSsh,
  },
  {
    pkg: 'python-setuptools',
    // Python 2's python-pip (xenial, bionic, buster) Recommends python-setuptools, which its pip needs to build
    // source distributions. (In Debian 12, python3-pip Depends on python3-setuptools.)
    triggers: /^python-pip$/,
    satisfiedBy: /^python-setuptools$/,
    why: 'pip needs it to build source packages',
    when: stageRunsPipInstall,
  },
];

/** Whether this install, or an earlier one in the stage or its base stages, installs a package matching `re`. */
function installedBefore(pm: PmCommand, re: RegExp): boolean {
  for (const run of runsUpTo(pm.ins)) {
    for (const { start, names } of aptInstalls(run)) {
      if (run === pm.ins && start > pm.cmd.node.start) break;
      if (names.some((n) => re.test(n))) return true;
    }
  }
  return false;
}

const installsCache = new WeakMap<Instruction, Array<{ start: number; names: string[] }>>();

/** The apt installs of a RUN: where each starts and the package names it installs. */
function aptInstalls(run: Instruction): Array<{ start: number; names: string[] }> {
  let out = installsCache.get(run);
  if (!out) {
    out = pmCommands(run).filter(isAptInstall).map((p) => ({ start: p.cmd.node.start, names: p.operands.map((w) => packageName(w) ?? '') }));
    installsCache.set(run, out);
  }
  return out;
}

/**
 * Most package names installed before an install that its drops are worked out against. Real stages name a few dozen;
 * a generated one with thousands of installs would make every install look through all the ones before it.
 */
const MAX_NAMES_BEFORE = 500;

/** Package names of the installs before this one in the stage and its base stages; null past MAX_NAMES_BEFORE. */
function namesInstalledBefore(pm: PmCommand): string[] | null {
  const out: string[] = [];
  for (const run of runsUpTo(pm.ins)) {
    for (const { start, names } of aptInstalls(run)) {
      if (run === pm.ins && start >= pm.cmd.node.start) break;
      for (const n of names) if (n !== '') out.push(n);
      if (out.length > MAX_NAMES_BEFORE) return null;
    }
  }
  return out;
}

/** Where the line of an offset starts, and whether only blanks stand before the offset on it. */
function atLineStart(m: Model, offset: number): { indent: string } | null {
  const ls = m.text.lastIndexOf('\n', offset - 1) + 1;
  const before = m.text.slice(ls, offset);
  return /^[ \t]*$/.test(before) ? { indent: before } : null;
}

/**
 * Edits adding packages to an install command: in sorted position when the (known) list is sorted, else after
 * the last package; one per continuation line when the packages are listed one per line.
 */
function addPackages(m: Model, pm: PmCommand, pkgs: string[]): Edit[] {
  const ops = pm.operands;
  // A heredoc script's lines end in `\n` (CRLF scripts are not analysed) and continue with `\`.
  const eol = pm.ins.heredoc ? '\n' : m.style.eol;
  const escape = scriptEscape(m, pm.ins);
  if (ops.length === 0) return [];
  // One package per continuation line: every package after the first starts its own line (a single package
  // counts when it sits on its own line below the install word).
  const ownLine = (w: Word, prev: number) => m.lineOf(w.start) > prev && atLineStart(m, w.start) !== null;
  const perLine = !pm.cmd.viaShellString &&
    (ops.length >= 2 || ownLine(ops[0], m.lineOf(pm.sub!.start))) &&
    ops.slice(1).every((w, i) => ownLine(w, m.lineOf(ops[i].start)));
  const values = ops.map((w) => w.value);
  const sorted = ops.length >= 2 && values.every((v, i) => v !== null && (i === 0 || values[i - 1]! <= v));
  const byOffset = new Map<number, string>();
  const add = (at: number, text: string) => byOffset.set(at, (byOffset.get(at) ?? '') + text);
  const last = ops[ops.length - 1];
  const lastEnd = afterBackquoteComments(m.text, 0, pm.ins.shell!.commentSubstitutions, last.end);
  for (const pkg of pkgs) {
    const next = sorted ? ops.find((w) => w.value! > pkg) : undefined;
    if (next) {
      const ls = perLine ? atLineStart(m, next.start) : null;
      add(next.start, ls ? `${pkg} ${escape}${eol}${ls.indent}` : `${pkg} `);
    } else if (perLine) {
      add(lastEnd, ` ${escape}${eol}${atLineStart(m, last.start)!.indent}${pkg}`);
    } else {
      add(lastEnd, ` ${pkg}`);
    }
  }
  return [...byOffset].map(([at, text]) => ({ start: at, end: at, text }));
}

/**
 * Where an install's packages come from when they cannot be seen (`$PKGS`, `xargs … < list`), or null. Without
 * the names, dropping recommended packages may drop ca-certificates; unless it is installed already, skip.
 */
function hiddenPackages(pm: PmCommand): string | null {
  const dynamic = pm.operands.filter((w) => w.value === null).map((w) => w.raw);
  const from = dynamic.length ? dynamic.join(' ') : pm.operands.length === 0 ? 'its input (no package named)' : null;
  if (from === null) return null;
  const ca = /^ca-certificates$/;
  if (installedBefore(pm, ca) || pm.operands.some((w) => ca.test(packageName(w) ?? ''))) return null;
  return from;
}

/** Companion packages this run adds, per stage (earlier commands of the file come first). */
type Added = Map<Stage, Set<string>>;

function fixFor(m: Model, pm: PmCommand, addedBefore: Added): Fix {
  const sub = pm.sub!;
  const added: string[] = [];
  const notes: string[] = [];
  const names = pm.operands.map(packageName);
  const chain = stageChain(pm.ins.stage!);
  const before = namesInstalledBefore(pm);
  const release: StageRelease = before === null
    ? { kind: 'unknown', reason: `the stage installs over ${MAX_NAMES_BEFORE} packages before this install: too many to work out what it drops` }
    : stageRelease(pm.ins.stage!);
  const plan = release.kind === 'known' && before !== null
    ? planInstall({
      m,
      release,
      // A local package file (`./app.deb`) is not in the data: named as written, it makes the fix unsafe.
      names: pm.operands.map((w) => (w.value !== null && /\.deb$|^\.{0,2}\//.test(w.value) ? w.value : packageName(w)))
        .filter((n): n is string => n !== null),
      installed: [...release.preinstalled, ...before, ...chain.flatMap((s) => [...(addedBefore.get(s) ?? [])])],
      holds: (c) => (c === 'git-ssh' ? stageUsesGitSsh(m, pm) : stageRunsPipInstall(m, pm)),
    })
    : null;
  if (plan) {
    for (const a of plan.add) {
      added.push(a.pkg);
      notes.push(a.note);
    }
  } else {
    for (const c of COMPANIONS) {
      const trigger = names.find((n) => n !== null && c.triggers.test(n));
      if (!trigger || installedBefore(pm, c.satisfiedBy)) continue;
      if (chain.some((s) => addedBefore.get(s)?.has(c.pkg))) continue;
      if (names.some((n) => n !== null && c.satisfiedBy.test(n))) continue;
      if (c.when && !c.when(m, pm)) continue;
      added.push(c.pkg);
      notes.push(`added ${c.pkg}, which ${trigger} only recommends (${c.why})`);
    }
  }
  const edits: Edit[] = [{ start: sub.end, end: sub.end, text: ' --no-install-recommends' }];
  if (added.length) {
    edits.push(...addPackages(m, pm, added));
    const set = addedBefore.get(pm.ins.stage!) ?? new Set<string>();
    added.forEach((p) => set.add(p));
    addedBefore.set(pm.ins.stage!, set);
  }
  const line = m.lineOf(sub.start);
  const fix: Fix = {
    message: `added --no-install-recommends to ${pm.toolWord.value} install on line ${line}${plan ? ` (${plan.summary})` : ''}${notes.length ? `; ${notes.join('; ')}` : ''}`,
    line,
    edits,
    touches: [pm.ins.index],
  };
  if (plan) {
    fix.tier = plan.unsafe === null ? 'safe' : 'unsafe';
    if (plan.unsafe !== null) fix.unsafeReason = plan.unsafe;
  } else if (release.kind === 'unknown') {
    fix.unsafeReason = `the packages apt would install as Recommends are no longer installed, and which they are is not known: ${release.reason}`;
  }
  return fix;
}

export const aptNoInstallRecommends: Transform = {
  id: 'apt-no-install-recommends',
  description: 'Add --no-install-recommends to apt-get/apt install in stages that end up in the final image, adding back the recommended packages the image needs (from Debian\'s package data)',
  hadolint: ['DL3015'],
  defaultOn: true,
  tier: 'unsafe',
  // Fixes are safe only where Debian's package data shows that every recommended package left out is safe to drop.
  unsafeReason:
    'the packages apt would install as Recommends are no longer installed; nothing here proves the image needs none of them',
  run(m) {
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    const added: Added = new Map();
    for (const ins of analysableRuns(m, ['apt-get', 'apt'], 'install', skips, true)) {
      for (const c of ins.shell!.commands) {
        const pm = parsePm(ins, c);
        if (!pm || !isAptInstall(pm)) continue;
        const says = optionSays(pm);
        if (says === 'off') continue;
        const line = m.lineOf(pm.sub!.start);
        if (says === 'on') {
          skips.push({ reason: `the install on line ${line} asks for recommended packages explicitly`, line });
          continue;
        }
        if (configTurnsOff(pm) !== null) continue;
        const hidden = hiddenPackages(pm);
        if (hidden !== null) {
          skips.push({
            reason: `the install on line ${line} takes its packages from ${hidden}: cannot tell whether they rely on recommended packages such as ca-certificates`,
            line,
          });
          continue;
        }
        fixes.push(fixFor(m, pm, added));
      }
    }
    return { fixes, skips };
  },
};
