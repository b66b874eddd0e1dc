import type { ShellCommand, Stage, Word } from '../src/model/types.js';
import { expandVars } from '../src/model/vars.js';
import { parseImageRef } from './shared/base-images.js';
import { analysableRuns, stageChain } from './shared/package-managers.js';
import type { Fix, Skip, Transform } from '../src/transform-types.js';

/**
 * UIDs from here up make useradd's sparse /var/log/lastlog and /var/log/faillog (a record per UID up to the new
 * one) tens of megabytes in the layer: image layers do not keep files sparse. hadolint's limit (more than 5 digits).
 */
const LARGE_UID = 100000;

/** Short options of useradd that take an argument (attached, `-u1000`, or the next word). */
const SHORT_WITH_ARG = 'bcdefgGkKpPRsuZ';
const LONG_WITH_ARG = new Set([
  '--base-dir', '--btrfs-subvolume-home', '--comment', '--home-dir', '--expiredate', '--inactive', '--gid', '--groups',
  '--skel', '--key', '--password', '--prefix', '--root', '--shell', '--uid', '--selinux-user', '--selinux-range',
]);

interface UseraddOptions {
  noLogInit: boolean;
  /** The word holding the UID (or `--uid=…`), and its text. */
  uid: { word: Word; text: string } | null;
}

function parseUseradd(args: Word[]): UseraddOptions | null {
  const out: UseraddOptions = { noLogInit: false, uid: null };
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const v = w.value;
    if (v === null) {
      // An option the codemod cannot read could be -l or -u; a dynamic operand (the user name) is fine.
      if (i === args.length - 1) continue;
      return null;
    }
    if (v === '--') break;
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq < 0 ? v : v.slice(0, eq);
      if (name === '--no-log-init') out.noLogInit = true;
      let arg: { word: Word; text: string } | null = null;
      if (eq >= 0) arg = { word: w, text: v.slice(eq + 1) };
      else if (LONG_WITH_ARG.has(name)) {
        const next = args[++i];
        if (next) arg = { word: next, text: next.raw };
      }
      if (name === '--uid') out.uid = arg;
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      for (let j = 1; j < v.length; j++) {
        const c = v[j];
        if (c === 'l') out.noLogInit = true;
        if (!SHORT_WITH_ARG.includes(c)) continue;
        let arg: { word: Word; text: string } | null = null;
        if (j + 1 < v.length) arg = { word: w, text: v.slice(j + 1) };
        else {
          const next = args[++i];
          if (next) arg = { word: next, text: next.raw };
        }
        if (c === 'u') out.uid = arg;
        break;
      }
    }
  }
  return out;
}

/**
 * The base image ships shadow 4.13 or later, whose useradd no longer writes the zero records of lower UIDs (it
 * leaves lastlog/faillog as they are when the file is shorter): -l would change nothing there.
 */
function recentShadow(stage: Stage): boolean {
  const ref = parseImageRef(stageChain(stage).pop()!.resolvedImage);
  if (/(^|-)(bookworm|trixie|forky|sid|noble|oracular|plucky|questing)(-|$)/.test(ref.tag)) return true;
  if (ref.official === 'debian') return /^(1[2-9]|bookworm|trixie|forky|sid|testing|unstable|stable|latest)\b/.test(ref.tag);
  if (ref.official === 'ubuntu') return /^(2[3-9]\.|latest|rolling|devel)/.test(ref.tag);
  if (ref.official === 'fedora') return /^([4-9]\d|3[89]|latest|rawhide)\b/.test(ref.tag);
  return false;
}

function isUseradd(cmd: ShellCommand): boolean {
  const name = cmd.effective?.name.value ?? null;
  return name !== null && name.slice(name.lastIndexOf('/') + 1) === 'useradd';
}

export const useraddNoLogInit: Transform = {
  id: 'useradd-no-log-init',
  description: 'Add -l (--no-log-init) to useradd with a large UID on bases older than shadow 4.13, so lastlog and faillog do not fill the layer',
  hadolint: ['DL3046'],
  defaultOn: true,
  tier: 'safe',
  run(m) {
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    for (const ins of analysableRuns(m, ['useradd'], '', skips)) {
      if (recentShadow(ins.stage!)) continue;
      for (const c of ins.shell!.commands) {
        if (!isUseradd(c)) continue;
        const name = c.effective!.name;
        const line = m.lineOf(name.start);
        const opts = parseUseradd(c.effective!.args);
        if (!opts) {
          skips.push({ reason: `the useradd on line ${line} has options the codemod cannot see`, line });
          continue;
        }
        if (opts.noLogInit || !opts.uid) continue;
        // ARG/ENV values as declared: a --build-arg may change them, but the declared value is the one the file builds.
        const text = expandVars(opts.uid.text.replace(/^(["'])(.*)\1$/, '$2'), ins.state.vars);
        if (!/^\d+$/.test(text) || Number(text) < LARGE_UID) continue;
        fixes.push({
          message: `added -l to useradd on line ${line} (UID ${text}: /var/log/lastlog alone would take about ${Math.round((Number(text) * 292) / 1e6)} MB)`,
          line,
          edits: [{ start: name.end, end: name.end, text: ' -l' }],
          touches: [ins.index],
        });
      }
    }
    return { fixes, skips };
  },
};
