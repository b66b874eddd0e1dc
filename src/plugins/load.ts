import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exports as exportsOf } from 'resolve.exports';
import { findTransform, TRANSFORMS } from '../builtins.js';
import type { Transform } from '../transform-types.js';
import { defineTransform } from './define.js';

/** A plugin that cannot be used: the message says which one and why. */
export class PluginError extends Error {
  override name = 'PluginError';
}

export interface LoadedPlugins {
  transforms: Transform[];
  /** The file URL of each module, in the order given (what workers import). */
  urls: string[];
}

/** A path (`./x.mjs`, `/abs/x.mjs`, `x.mjs` that exists) or else a package name, resolved from `cwd`, as a file URL. */
export function resolvePlugin(spec: string, cwd: string): string {
  const path = /^\.{1,2}([/\\]|$)/.test(spec) || isAbsolute(spec) || existsSync(resolve(cwd, spec)) ? resolve(cwd, spec) : null;
  if (path !== null) {
    if (!existsSync(path)) throw new PluginError(`cannot load plugin ${spec}: no such file ${path}`);
    return pathToFileURL(path).href;
  }
  const file = resolvePackage(spec, cwd);
  if (file === null) throw new PluginError(`cannot load plugin ${spec}: no such file, and no package of that name found from ${cwd}`);
  return pathToFileURL(file).href;
}

/**
 * The file a package import names, found as Node finds it from a module in `cwd`: the package in the nearest
 * node_modules, then its `exports` (conditions `import`, `node`, `default`) or `main`.
 */
function resolvePackage(spec: string, cwd: string): string | null {
  const m = /^((?:@[^/]+\/)?[^/@][^/]*)(\/.*)?$/.exec(spec);
  if (!m) return null;
  const [, name, sub] = m;
  const dirs = createRequire(join(cwd, 'package.json')).resolve.paths(name) ?? [];
  for (const dir of dirs) {
    const pkgDir = join(dir, name);
    let pkg: Record<string, unknown>;
    try {
      pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    } catch {
      continue;
    }
    let entry: string | undefined;
    try {
      entry = exportsOf(pkg, sub ? `.${sub}` : '.')?.[0];
    } catch (err) {
      throw new PluginError(`cannot load plugin ${spec}: ${(err as Error).message}`);
    }
    // No `exports`: Node reads `main`, else index.js (a subpath is a file of the package).
    entry ??= sub ? sub.slice(1) : typeof pkg.main === 'string' ? pkg.main : 'index.js';
    return resolve(pkgDir, entry);
  }
  return null;
}

/** The transforms a module's default export holds (a transform or an array of them), checked and with defaults. */
async function importTransforms(url: string, shown: string): Promise<Transform[]> {
  let mod: { default?: unknown };
  try {
    mod = (await import(url)) as { default?: unknown };
  } catch (err) {
    throw new PluginError(`cannot load plugin ${shown}: ${(err as Error)?.message ?? String(err)}`);
  }
  const exported = mod.default;
  if (exported === undefined) throw new PluginError(`plugin ${shown} has no default export (export default a transform or an array of them)`);
  const list = Array.isArray(exported) ? exported : [exported];
  return list.map((spec) => {
    try {
      return defineTransform(spec as Transform);
    } catch (err) {
      throw new PluginError(`plugin ${shown}: ${(err as Error).message}`);
    }
  });
}

/**
 * Load plugin modules (paths relative to `cwd`, or package names). Throws PluginError when one cannot be found or
 * imported, exports no transform, or uses an id a built-in transform or another plugin already has.
 */
export async function loadPlugins(specs: string[], cwd: string): Promise<LoadedPlugins> {
  const transforms: Transform[] = [];
  const urls: string[] = [];
  const from = new Map<string, string>();
  for (const spec of specs) {
    const url = resolvePlugin(spec, cwd);
    if (urls.includes(url)) continue;
    urls.push(url);
    for (const t of await importTransforms(url, spec)) {
      if (findTransform(t.id)) throw new PluginError(`plugin ${spec}: transform id '${t.id}' is already the id of a built-in transform`);
      const other = from.get(t.id);
      if (other !== undefined) throw new PluginError(`plugin ${spec}: transform id '${t.id}' is already used by plugin ${other}`);
      from.set(t.id, spec);
      transforms.push(t);
    }
  }
  return { transforms, urls };
}

const availableByUrls = new Map<string, Promise<readonly Transform[]>>();

/** The built-in transforms and those of the plugin modules at these URLs (loaded in this thread, once per list). */
export function availableTransforms(pluginUrls: string[] = []): Promise<readonly Transform[]> {
  if (pluginUrls.length === 0) return Promise.resolve(TRANSFORMS);
  const key = pluginUrls.join('\n');
  let list = availableByUrls.get(key);
  if (!list) {
    list = (async () => {
      const plugins: Transform[] = [];
      for (const url of pluginUrls) plugins.push(...(await importTransforms(url, url)));
      return [...TRANSFORMS, ...plugins];
    })();
    availableByUrls.set(key, list);
  }
  return list;
}
