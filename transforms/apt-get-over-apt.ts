import type { Edit } from '../src/edits.js';
import { analysableRuns, parsePm } from './shared/package-managers.js';
import type { Fix, Skip, Transform } from '../src/transform-types.js';

/** apt subcommands that apt-get has with the same meaning, and the apt-get name when it differs. */
const SAME: Record<string, string> = {
  install: 'install',
  remove: 'remove',
  purge: 'purge',
  update: 'update',
  'full-upgrade': 'dist-upgrade',
  'dist-upgrade': 'dist-upgrade',
  autoremove: 'autoremove',
  clean: 'clean',
  autoclean: 'autoclean',
  'build-dep': 'build-dep',
  source: 'source',
  download: 'download',
  changelog: 'changelog',
};

/** apt subcommands whose apt-get form needs an option to mean the same. */
const WITH_OPTION: Record<string, string> = {
  // apt upgrade installs new packages that upgrades depend on; apt-get upgrade keeps those upgrades back.
  upgrade: '--with-new-pkgs',
};

export const aptGetOverApt: Transform = {
  id: 'apt-get-over-apt',
  description: 'Use apt-get instead of apt in RUN (apt\'s command line is for people and is not stable for scripts)',
  hadolint: ['DL3027'],
  defaultOn: true,
  tier: 'safe',
  run(m) {
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    for (const ins of analysableRuns(m, ['apt'], '', skips)) {
      for (const c of ins.shell!.commands) {
        const pm = parsePm(ins, c);
        if (!pm || pm.tool !== 'apt') continue;
        const tool = pm.toolWord;
        const line = m.lineOf(tool.start);
        const sub = pm.subName;
        if (pm.dynamic || sub === null) {
          skips.push({ reason: `the apt command on line ${line} has a subcommand or options the codemod cannot see`, line });
          continue;
        }
        const to = SAME[sub] ?? (WITH_OPTION[sub] ? sub : undefined);
        if (!to) {
          skips.push({ reason: `apt ${sub} on line ${line} not changed: apt-get has no ${sub} subcommand`, line });
          continue;
        }
        // Plain words only (`apt`, `/usr/bin/apt`): the edit replaces the name at the end of the word.
        if (tool.raw !== tool.value || pm.sub!.raw !== pm.sub!.value) {
          skips.push({ reason: `the apt command on line ${line} is quoted or escaped`, line });
          continue;
        }
        const edits: Edit[] = [{ start: tool.end - 3, end: tool.end, text: 'apt-get' }];
        if (to !== sub) edits.push({ start: pm.sub!.start, end: pm.sub!.end, text: to });
        const option = WITH_OPTION[sub];
        if (option && !pm.options.some((o) => o.name === option)) edits.push({ start: pm.sub!.end, end: pm.sub!.end, text: ` ${option}` });
        fixes.push({
          message: `replaced apt ${sub} by apt-get ${to}${WITH_OPTION[sub] ? ` ${WITH_OPTION[sub]}` : ''} on line ${line}`,
          line,
          edits,
          touches: [ins.index],
        });
      }
    }
    return { fixes, skips };
  },
};
