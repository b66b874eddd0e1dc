import type { Instruction, Model, ShellCommand, Stage, Word } from '../../src/model/types.js';
import { expandVars, resolvePath } from '../../src/model/vars.js';
import { globMatch } from '../shared/copy-paths.js';
import { downloadOf, type Download } from './downloads.js';
import { analysable, appendCommand, mountsOf, runsAsRoot } from '../shared/package-managers.js';
import { runCwds } from './run-cwd.js';
import { rmPath, writtenName } from './rm-path.js';
import { enclosing } from '../shared/shell-context.js';
import type { Fix, Skip, Transform } from '../../src/transform-types.js';

/** Archives a RUN unpacks or installs and then no longer needs. */
const ARCHIVE = /\.(tar|tar\.(gz|xz|bz2|zst|lz|lzma)|tgz|tbz2?|txz|tzst|zip|deb|rpm|7z)$/i;
/** Commands that unpack or install an archive they are given. */
const EXTRACTORS = new Set(['tar', 'bsdtar', 'unzip', '7z', '7za', '7zr', 'dpkg', 'apt-get', 'apt', 'gdebi', 'rpm', 'dnf', 'yum']);
/** Commands that only read or check the file (before it is unpacked). */
const CHECKERS = new Set([
  'sha1sum', 'sha224sum', 'sha256sum', 'sha384sum', 'sha512sum', 'md5sum', 'shasum', 'b2sum', 'gpg', 'gpgv', 'echo',
  'printf', 'test', '[', 'ls', 'file', 'stat', 'du', 'cosign', 'minisign', 'rm',
]);
/**
 * Packages that only set up a package repository (its .repo/.list file and signing key): a `.deb` or `.rpm` whose
 * name (as saved, or as the URL names it) has a `release`, `keyring`, `repo` or `apt-config` part between `-`, `_`, `.` or `+` (remi-release-7.rpm,
 * epel-release-latest-7.noarch.rpm, puppetlabs-release-trusty.deb, cuda-keyring_1.1-1_all.deb,
 * pgdg-redhat-repo-latest.noarch.rpm, mysql-apt-config_0.8.29-1_all.deb). They weigh a few KB.
 */
const REPO_SETUP = /^(.*[-_.+])?(release|keyring|repo|apt-config)([-_.+].*)?\.(deb|rpm)$/i;
const LOOPS = new Set(['for_statement', 'c_style_for_statement', 'while_statement', 'until_statement']);

const base = (v: string) => v.slice(v.lastIndexOf('/') + 1);
const nameOf = (c: ShellCommand) => base(c.effective?.name.value ?? c.name?.value ?? '');

/** A word's value with the model's ARG/ENV values (quotes removed), or null when it holds other expansions. */
function wordValue(w: Word, vars: Record<string, string>): string | null {
  if (w.value !== null) return w.value;
  if (/[`'\\]|\$\(/.test(w.raw)) return null;
  return expandVars(w.raw.replace(/"/g, ''), vars);
}

/** Whether an `rm` path (maybe a glob) removes `abs`: the same path, a directory above it, or a glob matching it. */
function rmCovers(pattern: string, abs: string): boolean {
  const p = pattern.replace(/\/+$/, '').split('/');
  const a = abs.split('/');
  if (p.length > a.length) return false;
  return p.every((seg, i) => seg === a[i] || globMatch(seg, a[i]));
}

/** Stages that read this one's files through `COPY --from` or `RUN --mount=from=`. */
function readByOtherStages(m: Model, stage: Stage, abs: string): Instruction | null {
  const names = new Set([String(stage.index), ...(stage.name ? [stage.name] : [])]);
  for (const i of m.instructions) {
    if (i.stage === stage) continue;
    const from = i.flags.find((f) => f.name.toLowerCase() === 'from')?.value?.toLowerCase();
    if (from !== undefined && names.has(from) && (i.name === 'COPY' || i.name === 'ADD')) {
      const srcs = i.args.slice(0, -1).map((a) => resolvePath('/', expandVars(a.value, i.state.vars)));
      if (srcs.some((s) => rmCovers(s, abs) || rmCovers(abs, s))) return i;
    }
    if (i.name === 'RUN' && mountsOf(i).length && i.flags.some((f) => /(^|,)from=/.test(f.value ?? '') && names.has(/(?:^|,)from=([^,]*)/.exec(f.value!)![1].toLowerCase()))) return i;
  }
  return null;
}

interface Candidate {
  dl: Download;
  abs: string;
  cwd: string;
  extractedBy: ShellCommand;
  /** The argument of `extractedBy` that names the archive, its value and the directory it runs in. */
  extractWord: Word;
  extractValue: string;
  extractCwd: string;
}

/** Why the archive must stay, or null. */
function keepReason(m: Model, ins: Instruction, c: Candidate): string | null {
  const vars = ins.state.vars;
  const file = base(c.abs);
  for (const cmd of ins.shell!.commands) {
    if (cmd.node.start <= c.dl.cmd.node.start || cmd === c.extractedBy) continue;
    const name = nameOf(cmd);
    if (EXTRACTORS.has(name) || CHECKERS.has(name)) continue;
    const words = [...(cmd.effective?.args ?? cmd.args), ...(cmd.effective ? [cmd.effective.name] : [])];
    if (words.some((w) => (wordValue(w, vars) ?? w.raw).includes(file))) {
      return `\`${name}\` on line ${m.lineOf(cmd.node.start)} uses it after the download`;
    }
  }
  for (const i of m.instructions) {
    if (i.index <= ins.index) continue;
    const text = expandVars(m.text.slice(i.start, i.end), i.state.vars);
    if (text.includes(file)) return `line ${i.line} (${i.keyword}) names it`;
  }
  const reader = readByOtherStages(m, ins.stage!, c.abs);
  if (reader) return `the ${reader.name} on line ${reader.line} reads this stage's files there`;
  return null;
}

/** The rm commands of the RUN after the download already remove the file (or may: their paths are not known). */
function alreadyRemoved(ins: Instruction, c: Candidate, cwds: Map<ShellCommand, string | null>): boolean {
  for (const cmd of ins.shell!.commands) {
    if (cmd.node.start <= c.dl.cmd.node.start || nameOf(cmd) !== 'rm') continue;
    const cwd = cwds.get(cmd) ?? null;
    for (const w of cmd.effective?.args ?? cmd.args) {
      const v = wordValue(w, ins.state.vars);
      if (v === null || cwd === null) return true;
      if (v.startsWith('-')) continue;
      if (rmCovers(resolvePath(cwd, v), c.abs)) return true;
    }
  }
  return false;
}

/** The later command of the RUN that unpacks or installs the file, with the argument that names it. */
function extraction(ins: Instruction, dl: Download, abs: string, cwds: Map<ShellCommand, string | null>): Pick<Candidate, 'extractedBy' | 'extractWord' | 'extractValue' | 'extractCwd'> | null {
  for (const cmd of ins.shell!.commands) {
    if (cmd.node.start <= dl.cmd.node.start || !EXTRACTORS.has(nameOf(cmd))) continue;
    const cwd = cwds.get(cmd);
    if (!cwd) continue;
    for (const w of cmd.effective?.args ?? []) {
      const v = wordValue(w, ins.state.vars)?.replace(/^--file=/, '');
      if (v && !v.startsWith('-') && resolvePath(cwd, v) === abs) return { extractedBy: cmd, extractWord: w, extractValue: v, extractCwd: cwd };
    }
  }
  return null;
}

export const removeDownloadedArchives: Transform = {
  id: 'remove-downloaded-archives',
  description: 'Remove an archive that a RUN downloads with curl or wget and unpacks, at the end of that RUN, in stages that end up in the final image',
  hadolint: [],
  defaultOn: true,
  tier: 'safe',
  run(m) {
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    for (const ins of m.instructions) {
      if (!ins.stage || !analysable(ins)) continue;
      const cwds = runCwds(ins);
      const found: Candidate[] = [];
      for (const cmd of ins.shell!.commands) {
        const dl = downloadOf(cmd, ins.state.vars);
        if (!dl) continue;
        const line = m.lineOf(cmd.node.start);
        if ('problem' in dl) {
          const text = m.text.slice(cmd.node.start, cmd.node.end);
          if (ARCHIVE.test(text.replace(/["'\s\\]+$/, '')) || /\.(tar\.gz|tgz|tar\.xz|zip|deb)\b/.test(text)) {
            skips.push({ reason: `the archive downloaded on line ${line} is left in place: ${dl.problem}`, line });
          }
          continue;
        }
        if (!ARCHIVE.test(dl.path)) continue;
        const cwd = cwds.get(cmd) ?? null;
        const what = `${base(dl.path)} (downloaded on line ${line})`;
        if (cwd === null) {
          skips.push({ reason: `${what} is left in place: the directory it is downloaded into is not known`, line });
          continue;
        }
        const abs = resolvePath(cwd, dl.path);
        const extracted = extraction(ins, dl, abs, cwds);
        if (!extracted) continue;
        const c: Candidate = { dl, abs, cwd, ...extracted };
        if (alreadyRemoved(ins, c, cwds)) continue;
        if (mountsOf(ins).some((mt) => mt.target !== null && rmCovers(mt.target, abs))) continue;
        const skip = (why: string) => skips.push({ reason: `${what} is left in place: ${why}`, line });
        if (!ins.stage.inFinalImage) {
          skip(`the stage on line ${ins.stage.from.line} does not end up in the final image, where removing it would save nothing`);
          continue;
        }
        if (enclosing(ins, cmd).some((n) => LOOPS.has(n.type))) {
          skip('it is downloaded in a loop');
          continue;
        }
        if (dl.vars.some((v) => ins.shell!.commands.some((x) => x.assignments.some((a) => a.raw.startsWith(`${v}=`)) || (['export', 'read', 'local', 'declare', 'unset'].includes(nameOf(x)) && x.args.some((a) => a.raw === v || a.raw.startsWith(`${v}=`)))))) {
          skip(`the RUN sets a variable its path uses`);
          continue;
        }
        const keep = keepReason(m, ins, c);
        if (keep) {
          skip(keep);
          continue;
        }
        if ([abs, ...(cmd.effective?.args ?? []).map((w) => w.value ?? '')].some((v) => REPO_SETUP.test(base(v)))) {
          skip('a repository-setup package of a few KB: removing it gains nothing worth a change');
          continue;
        }
        found.push(c);
      }
      if (!found.length) continue;
      const end = cwds.size ? [...cwds.values()].at(-1) : null;
      const lastCd = ins.shell!.commands.some((x) => nameOf(x) === 'cd' && found.every((c) => x.node.start > c.dl.cmd.node.start));
      const paths = found.map((c) => rmPath(c.dl, c.cwd, writtenName(c.dl, c.cwd, c.extractWord, c.extractValue, c.extractCwd), end ?? null, lastCd));
      const sudo = runsAsRoot(ins) ? '' : found.every((c) => /^sudo$/.test(base(c.dl.cmd.name?.value ?? ''))) ? 'sudo ' : '';
      const edit = appendCommand(m, ins, `${sudo}rm -f ${[...new Set(paths)].join(' ')}`);
      const names = found.map((c) => base(c.abs)).join(', ');
      if (typeof edit === 'string') {
        skips.push({ reason: `${names} left in place: ${edit}`, line: ins.line });
        continue;
      }
      fixes.push({
        message: `removed the downloaded ${found.length > 1 ? 'archives' : 'archive'} ${names} at the end of the RUN on line ${ins.line}, after ${found.length > 1 ? 'they are' : 'it is'} unpacked`,
        line: ins.line,
        edits: [edit],
        touches: [ins.index],
      });
    }
    return { fixes, skips };
  },
};
