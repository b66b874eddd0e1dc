import type { ShellCommand } from '../src/model/types.js';
import {
  covers, planCacheCleanups, rmPaths,
  type CacheEvent, type CacheSpec, type PmCommand,
} from './shared/package-managers.js';
import type { Fix, Skip, Transform } from '../src/transform-types.js';
import { commentedCleanup } from './shared/commented-cleanup.js';

export const APT_LISTS = '/var/lib/apt/lists';

/** apt-get/apt subcommands that read the package lists. */
const NEEDS_LISTS = new Set([
  'install', 'reinstall', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'download',
  'satisfy', 'changelog', 'search', 'show', 'list', 'policy', 'madison', 'depends', 'rdepends', 'showsrc',
  'showpkg', 'why', 'why-not',
]);

/**
 * Other commands that read the lists: gdebi and mk-build-deps --install resolve dependencies through apt (gdebi
 * with python-apt, mk-build-deps by running apt-get install), apt-file reads the Contents indices that
 * `apt-file update` puts in the lists directory (apt-file 3, Debian 9 and later), apt-rdepends and
 * apt-show-versions read the package indices. equivs-build and dpkg do not read them.
 */
const LIST_READERS = ['gdebi', 'apt-file', 'apt-rdepends', 'apt-show-versions', 'mk-build-deps'];

function readsLists(cmd: ShellCommand): boolean {
  const eff = cmd.effective;
  const name = eff?.name.value;
  if (!eff || !name) return false;
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (base !== 'mk-build-deps') return LIST_READERS.includes(base);
  // Without --install it only builds the dependency package.
  return eff.args.some((a) => a.value === null || a.value === '--install' || /^-[a-z]*i/.test(a.value));
}

function aptEvents(cmd: ShellCommand, pm: PmCommand | null): CacheEvent[] {
  const paths = rmPaths(cmd);
  if (paths) return paths.some((p) => covers(p, APT_LISTS)) ? ['clean'] : [];
  if (!pm) return readsLists(cmd) ? ['need'] : [];
  if (pm.tool === 'apt-cache') return ['need'];
  if (pm.tool !== 'apt-get' && pm.tool !== 'apt' && pm.tool !== 'aptitude') return [];
  const sub = pm.subName;
  if (sub === null) return pm.dynamic ? ['need'] : [];
  if (sub === 'update') return ['fill'];
  if (sub === 'distclean' || sub === 'dist-clean') return ['clean'];
  return NEEDS_LISTS.has(sub) ? ['need'] : [];
}

/** `rm -rf /var/lib/apt/lists…` in a comment. */
const CLEANUP_TEXT = /\brm\s+(-[A-Za-z-]+\s+)*\/var\/lib\/apt\/lists\b/;

export const APT_LISTS_CACHE: CacheSpec = {
  what: 'apt package lists',
  paths: [APT_LISTS],
  mentions: ['apt-get', 'apt', 'aptitude', 'apt-cache', ...LIST_READERS],
  scriptsMayNeed: true,
  events: aptEvents,
  cleanup: () => `rm -rf ${APT_LISTS}/*`,
};

export const aptCleanLists: Transform = {
  id: 'apt-clean-lists',
  description: 'Remove /var/lib/apt/lists/* in the RUN that last uses the lists fetched by apt-get update, in stages that end up in the final image',
  hadolint: ['DL3009'],
  defaultOn: true,
  tier: 'safe',
  run(m) {
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    for (const c of planCacheCleanups(m, APT_LISTS_CACHE)) {
      if (!c.edit) {
        skips.push({ reason: `apt lists not removed: ${c.skip}`, line: c.ins.line });
        continue;
      }
      const commented = [c.ins, c.filledBy].map((i) => commentedCleanup(m, i, CLEANUP_TEXT)).find((l) => l !== null);
      if (commented) {
        skips.push({ reason: `apt lists not removed: the cleanup is commented out on line ${commented}`, line: c.ins.line });
        continue;
      }
      const since = c.filledBy === c.ins ? '' : ` (fetched on line ${c.filledBy.line} and used up to here)`;
      fixes.push({
        message: `removed the apt package lists at the end of the RUN on line ${c.ins.line}${since}`,
        line: c.ins.line,
        edits: [c.edit],
        touches: [c.ins.index],
      });
    }
    return { fixes, skips };
  },
};
