import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { insideRoot, jsonProblem, present, readConfigText } from './read.js';
import { TRANSFORMS } from '../builtins.js';
import { loadPlugins, PluginError, resolvePlugin } from '../plugins/load.js';
import { checkConfig, ConfigError, pluginSpecs, type Config } from './settings.js';

const NAME = 'docker-codemod';
const FS_ROOT = resolve('/');

/** Where a config may be, in the order they are tried in each directory. */
export const SEARCH_PLACES = ['docker-codemod.config.json', 'docker-codemod.config.mjs', '.docker-codemodrc.json', 'package.json'];

/** A path as messages show it: relative to cwd when under it. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel.split('\\').join('/') : path;
}

function parseJson(path: string, content: string): unknown {
  try {
    return JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`${displayPath(path)}: ${jsonProblem(e, content)}`);
  }
}

async function loadModule(path: string): Promise<unknown> {
  try {
    const mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
    if (mod.default === undefined) throw new Error('it has no default export (export default { … })');
    return mod.default;
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${displayPath(path)}: cannot be loaded: ${(e as Error).message}`);
  }
}

/** A config file found or named: its settings (undefined for an empty file, or a package.json without the key). */
interface Found {
  filepath: string;
  config: unknown;
}

/** Read and parse one config file (bounded, regular files only); `.mjs` files are imported. */
async function loadFile(path: string): Promise<Found> {
  const text = readConfigText(path, displayPath(path));
  if (path.endsWith('.mjs')) return { filepath: path, config: await loadModule(path) };
  if (basename(path) === 'package.json') {
    const pkg = parseJson(path, text);
    return { filepath: path, config: pkg && typeof pkg === 'object' ? (pkg as Record<string, unknown>)[NAME] : undefined };
  }
  return { filepath: path, config: text.trim() === '' ? undefined : parseJson(path, text) };
}

/** The repository root of a directory: the nearest directory holding `.git`, or null. */
export function repositoryRoot(dir: string): string | null {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return null;
  }
}

/**
 * Config files, found upward from a directory to the repository root (or the file-system root outside a
 * repository), each loaded and checked once. The nearest file wins; files further up are not merged in.
 */
export class ConfigFinder {
  /** Per directory searched: the config file that governs it (null: none), once per run. */
  private readonly byDir = new Map<string, Promise<Found | null>>();
  private readonly checked = new Map<string, Promise<Config | null>>();
  private readonly roots = new Map<string, string>();

  /**
   * `validIds`: the transform ids a config may name besides its own plugins' (default: the built-ins);
   * `runPluginUrls`: the modules the run loaded already (`--plugin`), which a config naming them again does not reload.
   */
  constructor(
    private readonly validIds?: readonly string[],
    private readonly runPluginUrls: readonly string[] = [],
  ) {}

  private stopDir(dir: string): string {
    let root = this.roots.get(dir);
    if (root === undefined) {
      root = repositoryRoot(dir) ?? FS_ROOT;
      this.roots.set(dir, root);
    }
    return root;
  }

  /**
   * The nearest config file from `dir` up to `stop`, in SEARCH_PLACES order in each directory. A package.json without
   * the key does not count; a file that leads (through a symlink) out of the tree searched is not read.
   */
  private search(dir: string, stop: string): Promise<Found | null> {
    let hit = this.byDir.get(dir);
    if (!hit) {
      hit = (async () => {
        for (const place of SEARCH_PLACES) {
          const path = join(dir, place);
          // Inside a repository a config may lead anywhere in it; outside one, only below its own directory.
          if (!present(path) || !insideRoot(path, stop === FS_ROOT ? dir : stop)) continue;
          const found = await loadFile(path);
          if (place === 'package.json' && found.config === undefined) continue;
          return found;
        }
        return dir === stop || dirname(dir) === dir ? null : this.search(dirname(dir), stop);
      })();
      this.byDir.set(dir, hit);
    }
    return hit;
  }

  private known(): readonly string[] {
    return this.validIds ?? TRANSFORMS.map((t) => t.id);
  }

  private check(found: Found | null): Promise<Config | null> {
    if (!found || found.config === undefined) return Promise.resolve(null);
    let c = this.checked.get(found.filepath);
    if (c === undefined) {
      const { filepath, config } = found;
      const display = displayPath(filepath);
      c = this.plugins(pluginSpecs(config, display), dirname(filepath), display).then((plugins) => {
        const valid = [...this.known(), ...plugins.transforms.map((t) => t.id)];
        return checkConfig(config, filepath, dirname(filepath), display, valid, plugins);
      });
      this.checked.set(filepath, c);
    }
    return c;
  }

  /** Load the plugins a config names (relative to its directory), but not those the run loaded already. */
  private async plugins(specs: string[], dir: string, display: string): Promise<Config['plugins']> {
    if (specs.length === 0) return { transforms: [], urls: [] };
    try {
      const fresh = specs.filter((spec) => !this.runPluginUrls.includes(resolvePlugin(spec, dir)));
      const loaded = await loadPlugins(fresh, dir);
      for (const t of loaded.transforms) {
        if (this.known().includes(t.id)) throw new PluginError(`transform id '${t.id}' is already used by a plugin given with --plugin`);
      }
      return loaded;
    } catch (e) {
      if (!(e instanceof PluginError)) throw e;
      throw new ConfigError(`${display}: "plugins": ${e.message}`);
    }
  }

  /** The config that governs files in `dir`, or null. Throws ConfigError for a file that cannot be used. */
  async forDirectory(dir: string): Promise<Config | null> {
    const abs = resolve(dir);
    return this.check(await this.search(abs, this.stopDir(abs)));
  }

  /** A config file named explicitly (`--config`). */
  async load(path: string): Promise<Config> {
    const abs = resolve(path);
    if (!present(abs)) throw new ConfigError(`${path}: no such file`);
    if (!abs.endsWith('.json') && !abs.endsWith('.mjs')) {
      throw new ConfigError(`${displayPath(abs)}: cannot be loaded (a config is a .json or .mjs file, or a package.json)`);
    }
    const c = await this.check(await loadFile(abs));
    if (!c) {
      const what = basename(abs) === 'package.json' ? `has no "${NAME}" key` : 'is empty';
      throw new ConfigError(`${displayPath(abs)}: ${what}`);
    }
    return c;
  }
}
