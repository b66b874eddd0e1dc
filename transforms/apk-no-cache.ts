import type { Instruction, ShellCommand } from '../src/model/types.js';
import {
  analysableRuns,
  type CacheEvent,
  cacheMountFor,
  type CacheSpec,
  covers,
  hasOption,
  parsePm,
  planCacheCleanups,
  type PmCommand,
  rmPaths,
} from './shared/package-managers.js';
import { defineTransform } from '../src/plugins/define.js';
import { edits } from '../src/plugins/fix-builder.js';
import type { Fix, Skip } from '../src/transform-types.js';

/** Where apk keeps downloaded indexes (`apk update`), and the cache directory BuildKit setups mount. */
export const APK_CACHE_PATHS = ['/var/cache/apk', '/etc/apk/cache'];

/** apk subcommands that read the index files `apk update` downloads, unless run with --no-cache. */
const NEEDS_INDEX = new Set(['upgrade', 'search', 'info', 'version', 'fix', 'list', 'policy', 'dot', 'fetch', 'stats']);

/** Start of the RUN's last command that removes the apk cache (-1: none); a model's instructions never change. */
const lastRemoval = new WeakMap<Instruction, number>();

/**
 * The RUN removes the apk cache (`rm -rf /var/cache/apk/*`) after this command: an `apk add` there leaves
 * nothing behind, so --no-cache would gain nothing.
 */
function cacheRemovedAfter(ins: Instruction, cmd: ShellCommand): boolean {
  let start = lastRemoval.get(ins);
  if (start === undefined) {
    start = -1;
    for (const c of ins.shell!.commands) {
      if (rmPaths(c)?.some((p) => covers(p, '/var/cache/apk'))) start = Math.max(start, c.node.start);
    }
    lastRemoval.set(ins, start);
  }
  return start >= cmd.node.end;
}

/** Starts of the RUN's `apk add` commands that an earlier `apk update` of the RUN left an index for. */
const afterUpdate = new WeakMap<Instruction, Set<number>>();

/**
 * An `apk update` earlier in the RUN fetched the index this `apk add` reads, and nothing removed it in between:
 * --no-cache would make it fetch the index again, and the index is removed at the end of the RUN instead.
 */
function indexFromUpdate(ins: Instruction, cmd: ShellCommand): boolean {
  let adds = afterUpdate.get(ins);
  if (adds === undefined) {
    adds = new Set();
    let filled = false;
    for (const c of ins.shell!.commands) {
      if (rmPaths(c)?.some((p) => covers(p, '/var/cache/apk'))) filled = false;
      const pm = parsePm(ins, c);
      if (!pm || pm.tool !== 'apk' || hasOption(pm, ['--no-cache'])) continue;
      if (pm.subName === 'update') filled = true;
      else if (pm.subName === 'cache' && pm.operands.some((w) => w.value === 'clean' || w.value === 'purge')) filled = false;
      else if (pm.subName === 'add' && filled) adds.add(c.node.start);
    }
    afterUpdate.set(ins, adds);
  }
  return adds.has(cmd.node.start);
}

function apkEvents(cmd: ShellCommand, pm: PmCommand | null, editable: boolean): CacheEvent[] {
  const paths = rmPaths(cmd);
  if (paths) return paths.some((p) => covers(p, '/var/cache/apk')) ? ['clean'] : [];
  if (!pm || pm.tool !== 'apk') return [];
  const noCache = hasOption(pm, ['--no-cache']);
  const sub = pm.subName;
  if (sub === null) return pm.dynamic ? ['need'] : [];
  if (noCache) return [];
  // `apk add` gets --no-cache from this transform (not in ONBUILD triggers, nor when the RUN removes the cache
  // after it or fetched the index before it): it then neither reads nor writes the index; without it, it reads
  // the index `apk update` left.
  if (sub === 'add') return editable && !cacheRemovedAfter(pm.ins, cmd) && !indexFromUpdate(pm.ins, cmd) ? [] : ['need'];
  if (sub === 'update') return ['fill'];
  if (sub === 'cache' && pm.operands.some((w) => w.value === 'clean' || w.value === 'purge')) return ['clean'];
  return NEEDS_INDEX.has(sub) ? ['need'] : [];
}

export const APK_INDEX_CACHE: CacheSpec = {
  what: 'apk index cache',
  paths: APK_CACHE_PATHS,
  mentions: ['apk'],
  scriptsMayNeed: true,
  events: apkEvents,
  cleanup: () => 'rm -rf /var/cache/apk/*',
};

export const apkNoCache = defineTransform({
  id: 'apk-no-cache',
  description: 'Add --no-cache to apk add, and remove the index `apk update` leaves in /var/cache/apk, in stages that end up in the final image',
  hadolint: ['DL3019'],
  tier: 'safe',
  run(m) {
    const b = edits(m);
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    for (const ins of analysableRuns(m, ['apk'], 'add', skips, true)) {
      if (cacheMountFor(ins, APK_CACHE_PATHS)) continue;
      for (const c of ins.shell!.commands) {
        const pm = parsePm(ins, c);
        if (!pm || pm.tool !== 'apk' || pm.subName !== 'add' || hasOption(pm, ['--no-cache'])) continue;
        if (cacheRemovedAfter(ins, c) || indexFromUpdate(ins, c)) continue;
        const line = m.lineOf(pm.sub!.start);
        fixes.push(b.insertAfter(pm.sub!, ' --no-cache').fix(`added --no-cache to apk add on line ${line}`, { line }));
      }
    }
    for (const c of planCacheCleanups(m, APK_INDEX_CACHE)) {
      const why = c.command === null ? c.skip : b.appendCommand(c.ins, c.command);
      if (why !== null) {
        // A RUN the model cannot analyse was already reported above.
        if (!skips.some((s) => s.line === c.ins.line)) skips.push({ reason: `apk index not removed: ${why}`, line: c.ins.line });
        continue;
      }
      const since = c.filledBy === c.ins ? '' : ` (fetched by apk update on line ${c.filledBy.line})`;
      fixes.push(b.fix(`removed the apk index left by apk update at the end of the RUN on line ${c.ins.line}${since}`, { line: c.ins.line }));
    }
    return { fixes, skips };
  },
});
