import type { Instruction } from '../../src/model/types.js';
import { analysable, type PmCommand, pmCommands, runsUpTo } from '../shared/package-managers.js';

/**
 * pip parses its options with optparse, which takes any unambiguous prefix of a long option: `--no-cache` and
 * `--no-ca` are `--no-cache-dir`. The shortest unambiguous prefix of each option asked about, computed against
 * every long option `pip install` accepts (its own and pip's general ones, pip 23.2): `--no-c` is also
 * `--no-clean`, `--no-color` and `--no-compile`; `--c` is also `--cert`, `--compile`, `--constraint`, ….
 */
const SHORTEST_PREFIX: Record<string, string> = {
  '--no-cache-dir': '--no-ca',
  '--cache-dir': '--ca',
};

/** Whether the pip command has this long option, spelt out or abbreviated the way pip accepts. */
export function pipHasOption(pm: PmCommand, long: string): boolean {
  const shortest = SHORTEST_PREFIX[long] ?? long;
  return pm.options.some((o) => o.name.startsWith(shortest) && long.startsWith(o.name));
}

/**
 * pip's configuration turning the cache off: `no-cache-dir` (or `no_cache_dir`) with a value, in any section.
 * pip reads any valid value, true or false, as "no cache" (a false value once meant the same, and pip keeps
 * that); an empty value is ignored.
 */
const CONFIG_LINE = /(^|\n|\\n)[ \t]*no[-_]cache[-_]dir[ \t]*[=:][ \t]*[^\s\\]/i;
const CONFIG_KEY = /^([a-z]+\.)?no[-_]cache[-_]dir$/i;

const configOffCache = new WeakMap<Instruction, number | null>();

/**
 * Offset of the first command of a RUN that configures pip to use no cache, or null. Once per RUN: every pip install
 * asks it of the RUNs before it, and of its own RUN (thousands of installs in one RUN made that quadratic).
 */
function configOffAt(run: Instruction): number | null {
  let at = configOffCache.get(run);
  if (at === undefined) configOffCache.set(run, (at = findConfigOff(run)));
  return at;
}

function findConfigOff(run: Instruction): number | null {
  if (!analysable(run)) return null;
  for (const c of run.shell!.commands) {
    const words = [c.name, ...c.args];
    if (words.some((w) => w?.value && CONFIG_LINE.test(w.value))) return c.node.start;
  }
  for (const pm of pmCommands(run)) {
    // pip config [--global|--user|--site] set global.no-cache-dir <value>
    if (pm.tool !== 'pip' || pm.subName !== 'config') continue;
    const [action, key, value] = pm.operands.map((w) => w.value);
    if (action === 'set' && key && CONFIG_KEY.test(key) && value) return pm.cmd.node.start;
  }
  return null;
}

/**
 * The line of an earlier RUN (this stage or a base stage, or earlier in the same RUN) that writes pip's
 * configuration turning the cache off (`pip config set global.no-cache-dir …`, or a pip.conf written with
 * echo/printf), or null.
 */
export function pipConfigTurnsCacheOff(pm: PmCommand): number | null {
  for (const run of runsUpTo(pm.ins)) {
    const at = configOffAt(run);
    if (at !== null && (run !== pm.ins || at < pm.cmd.node.start)) return run.line;
  }
  return null;
}
