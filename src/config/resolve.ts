import { TRANSFORMS } from '../builtins.js';
import type { Transform, TransformOptions } from '../transform-types.js';
import { HadolintConfigFinder, type HadolintIgnores } from './hadolint.js';
import { ConfigFinder } from './load.js';
import { globMatcher } from './match.js';
import { migrationIds, migrationOptions } from './migrate-plan.js';
import type { Config, Settings } from './settings.js';

/** What the command line chose: these win over every config file. */
export interface CliChoice {
  /** `-t`: exactly these transforms (config and .hadolint.yaml choices do not apply to them). */
  transforms?: string[];
  /** `--skip`: never these. */
  skip?: string[];
  /** Options given on the command line (only those given: defaults are not here). */
  options: TransformOptions;
  /** `--config <file>`: this file for every Dockerfile; false: `--no-config`. */
  config?: string | false;
  /** Every transform a run knows, in pass order: the built-ins, then those of `--plugin` modules. */
  all?: readonly Transform[];
  /** The file URLs of the `--plugin` modules. */
  pluginUrls?: readonly string[];
}

/** The transforms and options for one Dockerfile. */
export interface FilePlan {
  transformIds: string[];
  options: TransformOptions;
  /** Every plugin module the file's transforms come from, when its config file names plugins of its own. */
  pluginUrls?: string[];
}

/** The name of the user that non-root-user creates when nothing says otherwise. */
export const DEFAULT_USER = 'app';

/** Settings of a config and its `per-file` entries that match `abs`, in the order they apply. */
function layers(config: Config | null, abs: string | null): Settings[] {
  if (!config) return [];
  const out = [config.settings];
  if (abs !== null) for (const p of config.perFile) if (globMatcher(config.dir, [p.pattern])(abs)) out.push(p.settings);
  return out;
}

/** Ids a `.hadolint.yaml` turns off: every transform one of whose hadolint rules it ignores. */
function hadolintSkips(h: HadolintIgnores | null, all: readonly Transform[]): string[] {
  if (!h || h.ignored.length === 0) return [];
  return all.filter((t) => t.hadolint.some((r) => h.ignored.includes(r))).map((t) => t.id);
}

/**
 * The plan for a file. Order, later winning: the defaults, the config file, its matching `per-file` entries in
 * the order written, `.hadolint.yaml`'s `ignored`, then the command line.
 */
export function planFor(cli: CliChoice, config: Config | null, hadolint: HadolintIgnores | null, abs: string | null): FilePlan {
  const ls = layers(config, abs);
  const own = config?.plugins.transforms ?? [];
  const all = own.length ? [...(cli.all ?? TRANSFORMS), ...own] : (cli.all ?? TRANSFORMS);
  let ids: string[];
  if (cli.transforms) {
    ids = [...cli.transforms];
  } else {
    let set = new Set(all.filter((t) => t.defaultOn).map((t) => t.id));
    for (const l of ls) {
      if (l.transforms) set = new Set(l.transforms);
      for (const id of l.skip ?? []) set.delete(id);
    }
    for (const id of hadolintSkips(hadolint, all)) set.delete(id);
    ids = [...set];
  }
  ids.push(...migrationIds(cli, ls));
  const skip = new Set(cli.skip ?? []);
  // Registry order: the order a pass runs them in.
  const transformIds = all.map((t) => t.id).filter((id) => ids.includes(id) && !skip.has(id));

  const options: TransformOptions = { user: DEFAULT_USER };
  for (const l of ls) {
    if (l.user !== undefined) options.user = l.user;
    if (l.uid !== undefined) options.uid = l.uid;
    if (l.unsafeFixes !== undefined) {
      if (l.unsafeFixes) options.unsafeFixes = true;
      else delete options.unsafeFixes;
    }
    if (l.chain !== undefined) options.chainPolicy = l.chain;
  }
  const plan: FilePlan = { transformIds, options: migrationOptions(ls, options, cli.options) };
  if (config?.plugins.urls.length) plan.pluginUrls = [...(cli.pluginUrls ?? []), ...config.plugins.urls];
  return plan;
}

/** Config files for a run: found upward from each Dockerfile, or the one named by --config, or none. */
export class ConfigResolver {
  private readonly finder: ConfigFinder;
  private readonly hadolint = new HadolintConfigFinder();
  private named: Config | null = null;
  private readonly cli: CliChoice;

  constructor(choice: Omit<CliChoice, 'options'>) {
    this.cli = { ...choice, options: {} };
    // A config may name the transforms of the plugins the run loaded.
    this.finder = new ConfigFinder(choice.all?.map((t) => t.id), choice.pluginUrls);
  }

  /** Take the options given on the command line, and load the --config file, if any. Throws ConfigError. */
  async init(options: TransformOptions): Promise<void> {
    this.cli.options = options;
    // As ruff does: the patterns of a file named with --config are relative to the current directory, so that a
    // config kept aside (ci/strict.json) can still name the repository's paths.
    if (typeof this.cli.config === 'string') this.named = { ...(await this.finder.load(this.cli.config)), dir: process.cwd() };
  }

  /** Every transform of the run: the built-ins and `--plugin`'s, then those of plugins config files named (so far). */
  allTransforms(): readonly Transform[] {
    const out: Transform[] = [...(this.cli.all ?? TRANSFORMS)];
    for (const c of this.used) {
      for (const t of c.plugins.transforms) if (!out.some((o) => o.id === t.id)) out.push(t);
    }
    return out;
  }

  private readonly used = new Set<Config>();

  private async configFor(dir: string): Promise<Config | null> {
    if (this.cli.config === false) return null;
    return this.named ?? (await this.finder.forDirectory(dir));
  }

  /**
   * The plan for a Dockerfile (`abs` null for stdin, with `dir` the directory to search from), or the config file
   * whose `exclude` leaves it out (a file named on the command line is never left out). Throws ConfigError.
   */
  async forFile(abs: string | null, dir: string, explicit: boolean): Promise<{ plan: FilePlan; excludedBy: string | null }> {
    const config = await this.configFor(dir);
    if (config) this.used.add(config);
    if (abs !== null && !explicit && config && globMatcher(config.dir, config.exclude)(abs)) {
      return { plan: { transformIds: [], options: {} }, excludedBy: config.path };
    }
    const hadolint = this.cli.config === false ? null : this.hadolint.forDirectory(dir);
    return { plan: planFor(this.cli, config, hadolint, abs), excludedBy: null };
  }
}
