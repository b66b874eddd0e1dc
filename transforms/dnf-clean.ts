import type { ShellCommand } from '../src/model/types.js';
import {
  covers, hasOption, planCacheCleanups, rmPaths,
  type CacheEvent, type CacheSpec, type PmCommand,
} from './shared/package-managers.js';
import type { Fix, Skip, Transform } from '../src/transform-types.js';
import { commentedCleanup } from './shared/commented-cleanup.js';

/** Cache directories of dnf (4 and 5), yum, microdnf and tdnf. */
export const RPM_CACHE_PATHS = ['/var/cache/dnf', '/var/cache/yum', '/var/cache/libdnf5', '/var/cache/tdnf'];
export const ZYPPER_CACHE_PATHS = ['/var/cache/zypp'];

/** Subcommands that download repository metadata (and packages) into the cache. */
const RPM_FILLS = new Set([
  'install', 'in', 'reinstall', 'localinstall', 'groupinstall', 'group', 'groups', 'module', 'upgrade', 'update',
  'up', 'distro-sync', 'distrosync', 'dsync', 'downgrade', 'swap', 'makecache', 'builddep', 'update-minimal',
  'upgrade-minimal', 'install-n', 'install-na', 'install-nevra',
]);
const ZYPPER_FILLS = new Set([
  'install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch', 'refresh', 'ref', 'source-install', 'si',
  'install-new-recommends', 'inr',
]);

const RPM_TOOLS = new Set(['dnf', 'yum', 'microdnf', 'tdnf']);

function rpmEvents(cmd: ShellCommand, pm: PmCommand | null): CacheEvent[] {
  const paths = rmPaths(cmd);
  if (paths) return paths.some((p) => RPM_CACHE_PATHS.some((c) => covers(p, c))) ? ['clean'] : [];
  if (!pm || !RPM_TOOLS.has(pm.tool)) return [];
  const sub = pm.subName;
  if (sub === null) return pm.dynamic ? ['need'] : [];
  if (sub === 'clean') return pm.operands.some((w) => w.value === 'all') ? ['clean'] : [];
  if (!RPM_FILLS.has(sub)) return [];
  // -C / --cacheonly runs from the cache alone: it relies on an earlier fill. Otherwise the tool fetches
  // metadata whenever its cache is missing, so each RUN can clean up after itself.
  return hasOption(pm, ['--cacheonly'], 'C') ? ['need'] : ['fill'];
}

function zypperEvents(cmd: ShellCommand, pm: PmCommand | null): CacheEvent[] {
  const paths = rmPaths(cmd);
  if (paths) return paths.some((p) => covers(p, '/var/cache/zypp')) ? ['clean'] : [];
  if (!pm || pm.tool !== 'zypper') return [];
  const sub = pm.subName;
  if (sub === null) return pm.dynamic ? ['need'] : [];
  if (sub === 'clean' || sub === 'cc') return ['clean'];
  if (!ZYPPER_FILLS.has(sub)) return [];
  return hasOption(pm, ['--no-refresh']) ? ['need'] : ['fill'];
}

const toolName = (pm: PmCommand) => pm.toolWord.value!.split('/').pop()!;

export const RPM_CACHE: CacheSpec = {
  what: 'package cache',
  paths: RPM_CACHE_PATHS,
  mentions: ['dnf', 'dnf5', 'yum', 'microdnf', 'tdnf'],
  scriptsMayNeed: false,
  events: rpmEvents,
  cleanup: (pm) => `${toolName(pm)} clean all`,
};

export const ZYPPER_CACHE: CacheSpec = {
  what: 'zypper cache',
  paths: ZYPPER_CACHE_PATHS,
  mentions: ['zypper'],
  scriptsMayNeed: false,
  events: zypperEvents,
  cleanup: () => 'zypper clean --all',
};

/** The cleanup of each cache, as it reads in a comment. */
const CLEANUP_TEXT = new Map<CacheSpec, RegExp>([
  [RPM_CACHE, /\b(dnf5?|yum|microdnf|tdnf)\s+clean\b/],
  [ZYPPER_CACHE, /\bzypper\s+(clean|cc)\b/],
]);

export const dnfClean: Transform = {
  id: 'dnf-clean',
  description: 'Add `dnf/yum/microdnf/tdnf clean all` (`zypper clean --all`) after package installs in stages that end up in the final image',
  hadolint: ['DL3040', 'DL3032', 'DL3036'],
  defaultOn: true,
  tier: 'safe',
  run(m) {
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    for (const cache of [RPM_CACHE, ZYPPER_CACHE]) {
      for (const c of planCacheCleanups(m, cache)) {
        if (!c.edit) {
          skips.push({ reason: `${cache.what} not cleaned: ${c.skip}`, line: c.ins.line });
          continue;
        }
        const commented = [c.ins, c.filledBy].map((i) => commentedCleanup(m, i, CLEANUP_TEXT.get(cache)!)).find((l) => l !== null);
        if (commented) {
          skips.push({ reason: `${cache.what} not cleaned: the cleanup is commented out on line ${commented}`, line: c.ins.line });
          continue;
        }
        fixes.push({
          message: `added \`${c.command}\` at the end of the RUN on line ${c.ins.line}`,
          line: c.ins.line,
          edits: [c.edit],
          touches: [c.ins.index],
        });
      }
    }
    return { fixes, skips };
  },
};
