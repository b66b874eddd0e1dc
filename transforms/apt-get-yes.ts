import { settingWrittenBefore } from './shared/earlier-config.js';
import { analysableRuns, parsePm, type PmCommand } from './shared/package-managers.js';
import { failureIgnored, stdinFromPipe } from './shared/shell-context.js';
import type { Fix, Skip, Transform } from '../src/transform-types.js';

/** apt-get/apt subcommands that ask "Do you want to continue? [Y/n]" before changing packages. */
const PROMPTING = new Set(['install', 'reinstall', 'upgrade', 'dist-upgrade', 'full-upgrade', 'remove', 'purge', 'autoremove', 'autopurge', 'build-dep']);

const TRUTHY = /^"?(true|1|yes|on)"?$/i;
const FALSY = /^"?(false|0|no|off)"?$/i;
/** apt configuration that answers the prompt (`APT::Get::Assume-Yes "true";` in apt.conf.d, or quiet level 2). */
const CONFIG_YES = /APT::Get::Assume-?Yes\s+"?(true|1|yes|on)"?|(^|[\s;{])quiet\s+"?[2-9]"?/i;
/** Options that make apt-get print what it would do and change nothing (no prompt). */
const SIMULATE = new Set(['-s', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act', '--print-uris']);

/** What the command's options say: 'yes' (no prompt), 'no' (the prompt is answered no), or null. */
function optionsSay(pm: PmCommand): 'yes' | 'no' | null {
  let quiet = 0;
  for (const o of pm.options) {
    const n = o.name;
    if (n === '--yes' || n === '--assume-yes') return o.arg !== null && FALSY.test(o.arg) ? 'no' : 'yes';
    if (n === '--assume-no' || n === '--trivial-only') return 'no';
    if (SIMULATE.has(n)) return 'yes';
    if (/^-[A-Za-z]+$/.test(n)) {
      if (n.includes('y') || n.includes('s')) return 'yes';
      quiet += [...n].filter((c) => c === 'q').length;
    }
    if (n === '--quiet') quiet = o.arg !== null && /^\d+$/.test(o.arg) ? Number(o.arg) : quiet + 1;
    const level = /^-q=(\d+)$/.exec(n);
    if (level) quiet = Number(level[1]);
    if ((n === '-o' || n === '--option') && o.arg) {
      const kv = /^APT::Get::Assume-?Yes=(.*)$/i.exec(o.arg);
      if (kv) return TRUTHY.test(kv[1]) ? 'yes' : 'no';
      const q = /^quiet=(\d+)$/i.exec(o.arg);
      if (q) quiet = Number(q[1]);
    }
  }
  return quiet >= 2 ? 'yes' : null;
}

export const aptGetYes: Transform = {
  id: 'apt-get-yes',
  description: 'Add -y to apt-get/apt install (and upgrade, remove, …), so a confirmation prompt does not abort the build',
  hadolint: ['DL3014'],
  defaultOn: true,
  tier: 'safe',
  run(m) {
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    for (const ins of analysableRuns(m, ['apt-get', 'apt'], 'install', skips)) {
      for (const c of ins.shell!.commands) {
        const pm = parsePm(ins, c);
        if (!pm || (pm.tool !== 'apt-get' && pm.tool !== 'apt') || !pm.sub || !PROMPTING.has(pm.subName ?? '')) continue;
        const says = optionsSay(pm);
        if (says === 'yes') continue;
        const line = m.lineOf(pm.sub.start);
        const what = `${pm.toolWord.value} ${pm.subName}`;
        if (says === 'no') {
          skips.push({ reason: `the ${what} on line ${line} answers the prompt with no on purpose`, line });
          continue;
        }
        if (pm.dynamic) {
          skips.push({ reason: `the ${what} on line ${line} has options the codemod cannot see (they may include -y)`, line });
          continue;
        }
        if (stdinFromPipe(ins, c)) continue;
        if (settingWrittenBefore(ins, c.node.start, CONFIG_YES) !== null) continue;
        if (failureIgnored(ins, c)) {
          skips.push({ reason: `the ${what} on line ${line} may fail without failing the build: with -y it would change the image`, line });
          continue;
        }
        fixes.push({
          message: `added -y to ${what} on line ${line}`,
          line,
          edits: [{ start: pm.sub.end, end: pm.sub.end, text: ' -y' }],
          touches: [ins.index],
        });
      }
    }
    return { fixes, skips };
  },
};
