import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lilconfig, type LilconfigResult } from 'lilconfig';
import { checkConfig, ConfigError, type Config } from './settings.js';

const NAME = 'docker-codemod';

/** Where a config may be, in the order they are tried in each directory. */
export const SEARCH_PLACES = ['docker-codemod.config.json', 'docker-codemod.config.mjs', '.docker-codemodrc.json', 'package.json'];

/** A path as messages show it: relative to cwd when under it. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel.split('\\').join('/') : path;
}

function jsonLoader(path: string, content: string): unknown {
  try {
    return JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`${displayPath(path)}: not valid JSON: ${(e as Error).message}`);
  }
}

async function moduleLoader(path: string): Promise<unknown> {
  try {
    const mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
    if (mod.default === undefined) throw new Error('it has no default export (export default { … })');
    return mod.default;
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${displayPath(path)}: cannot be loaded: ${(e as Error).message}`);
  }
}

const LOADERS = { '.json': jsonLoader, '.mjs': moduleLoader };

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
  private readonly searchers = new Map<string, ReturnType<typeof lilconfig>>();
  private readonly checked = new Map<string, Config | null>();
  private readonly roots = new Map<string, string>();

  private searcher(stopDir: string) {
    let s = this.searchers.get(stopDir);
    if (!s) {
      s = lilconfig(NAME, { searchPlaces: SEARCH_PLACES, stopDir, loaders: LOADERS, packageProp: NAME, cache: true });
      this.searchers.set(stopDir, s);
    }
    return s;
  }

  private stopDir(dir: string): string {
    let root = this.roots.get(dir);
    if (root === undefined) {
      root = repositoryRoot(dir) ?? resolve('/');
      this.roots.set(dir, root);
    }
    return root;
  }

  private check(found: LilconfigResult): Config | null {
    if (!found) return null;
    let c = this.checked.get(found.filepath);
    if (c === undefined) {
      c = found.isEmpty ? null : checkConfig(found.config, found.filepath, dirname(found.filepath), displayPath(found.filepath));
      this.checked.set(found.filepath, c);
    }
    return c;
  }

  /** The config that governs files in `dir`, or null. Throws ConfigError for a file that cannot be used. */
  async forDirectory(dir: string): Promise<Config | null> {
    return this.check(await this.searcher(this.stopDir(dir)).search(dir));
  }

  /** A config file named explicitly (`--config`). */
  async load(path: string): Promise<Config> {
    const abs = resolve(path);
    if (!existsSync(abs)) throw new ConfigError(`${path}: no such file`);
    let found: LilconfigResult;
    try {
      found = await this.searcher(dirname(abs)).load(abs);
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      throw new ConfigError(`${displayPath(abs)}: cannot be loaded: ${(e as Error).message} (a config is a .json or .mjs file, or a package.json)`);
    }
    const c = found && found.config !== undefined ? this.check(found) : null;
    if (!c) {
      const what = basename(abs) === 'package.json' ? `has no "${NAME}" key` : 'is empty';
      throw new ConfigError(`${displayPath(abs)}: ${what}`);
    }
    return c;
  }
}
