import { picomatch } from './match.js';
import { didYouMean as suggestion } from './suggest.js';
import { TRANSFORMS } from '../builtins.js';
import type { Transform } from '../transform-types.js';
import { checkRebase, checkSetArgs } from './migrate-settings.js';

/** Settings a config file, or one of its `per-file` entries, may give. */
export interface Settings {
  transforms?: string[];
  skip?: string[];
  unsafeFixes?: boolean;
  user?: string;
  uid?: number;
  chain?: 'gain' | 'all';
  /** Base-image rules `pattern=replacement` (rebase). */
  rebase?: string[];
  /** ARG defaults by name (pin-args). */
  setArgs?: Record<string, string>;
}

/** A loaded and checked config file. */
export interface Config {
  /** Absolute path of the file. */
  path: string;
  /** Its directory: `exclude` and `per-file` patterns are relative to it. */
  dir: string;
  settings: Settings;
  exclude: string[];
  perFile: Array<{ pattern: string; settings: Settings }>;
  /** The plugin modules it names (`plugins`), loaded: their transforms join those of the run for its files. */
  plugins: { transforms: Transform[]; urls: string[] };
}

/** A config file that cannot be used: the message names the file and the key. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const SETTING_KEYS = ['transforms', 'skip', 'unsafe-fixes', 'user', 'uid', 'chain', 'rebase', 'set-args'] as const;
const FILE_KEYS = [...SETTING_KEYS, 'exclude', 'per-file', 'plugins'] as const;

const USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;

export const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

export class Checker {
  constructor(
    private readonly file: string,
    /** Transform ids `transforms` and `skip` may name: the built-ins, and the plugins' of the run. */
    private readonly valid: readonly string[] = TRANSFORMS.map((t) => t.id),
  ) {}

  fail(where: string[], message: string): never {
    throw new ConfigError(`${this.file}: ${where.map((k) => `"${k}"`).join(' > ')} ${message}`);
  }

  object(where: string[], v: unknown): Record<string, unknown> {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(where, `must be an object, not ${typeOf(v)}`);
    return v as Record<string, unknown>;
  }

  strings(where: string[], v: unknown): string[] {
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) this.fail(where, `must be a list of strings, not ${typeOf(v)}`);
    return v as string[];
  }

  ids(where: string[], v: unknown): string[] {
    const ids = this.strings(where, v);
    const valid = this.valid;
    for (const id of ids) {
      if (!valid.includes(id)) this.fail(where, `names no transform: "${id}"${suggestion(id, valid)}; valid ids: ${valid.join(', ')}`);
    }
    return ids;
  }

  globs(where: string[], v: unknown): string[] {
    const globs = this.strings(where, v);
    for (const g of globs) this.glob(where, g);
    return globs;
  }

  glob(where: string[], g: string): void {
    if (g.trim() === '') this.fail(where, 'holds an empty pattern');
    if (g.startsWith('/') || /^[A-Za-z]:[\\/]/.test(g) || /(^|\/)\.\.(\/|$)/.test(g)) {
      this.fail(where, `holds "${g}": patterns are relative to the config file's directory, inside it`);
    }
    try {
      picomatch().makeRe(g, { strictBrackets: true });
    } catch (e) {
      this.fail(where, `holds "${g}", which is not a valid glob: ${(e as Error).message}`);
    }
  }

  settings(where: string[], raw: Record<string, unknown>, allowed: readonly string[]): Settings {
    const s: Settings = {};
    for (const [key, v] of Object.entries(raw)) {
      const at = [...where, key];
      switch (key) {
        case 'transforms':
          s.transforms = this.ids(at, v);
          if (s.transforms.length === 0) this.fail(at, 'needs at least one transform id');
          break;
        case 'skip':
          s.skip = this.ids(at, v);
          break;
        case 'unsafe-fixes':
          if (typeof v !== 'boolean') this.fail(at, `must be true or false, not ${typeOf(v)}`);
          s.unsafeFixes = v;
          break;
        case 'user':
          if (typeof v !== 'string' || !USER_NAME.test(v)) {
            this.fail(at, 'must be a user name: lower-case letters, digits, - and _ (at most 32), not starting with a digit or -');
          }
          s.user = v;
          break;
        case 'uid':
          if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1 || v > 2147483647) {
            this.fail(at, 'must be a whole number from 1 to 2147483647 (0 is root)');
          }
          s.uid = v;
          break;
        case 'chain':
          if (v !== 'gain' && v !== 'all') this.fail(at, `must be "gain" or "all", not ${JSON.stringify(v)}`);
          s.chain = v;
          break;
        case 'rebase':
          s.rebase = checkRebase(this, at, v);
          break;
        case 'set-args':
          s.setArgs = checkSetArgs(this, at, v);
          break;
        default:
          if (!allowed.includes(key)) {
            const more = (FILE_KEYS as readonly string[]).includes(key) ? ' here' : '';
            this.fail(at, `is not a setting${more}${suggestion(key, allowed)}`);
          }
      }
    }
    return s;
  }
}

/** Check a config file's content (the parsed object); `display` names the file in messages. */
export function checkConfig(
  raw: unknown,
  path: string,
  dir: string,
  display: string,
  validIds?: readonly string[],
  plugins: Config['plugins'] = { transforms: [], urls: [] },
): Config {
  const c = new Checker(display, validIds);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${display}: the settings must be an object, not ${typeOf(raw)}`);
  }
  const obj = raw as Record<string, unknown>;
  const config: Config = { path, dir, settings: c.settings([], obj, FILE_KEYS), exclude: [], perFile: [], plugins };
  if (obj.exclude !== undefined) config.exclude = c.globs(['exclude'], obj.exclude);
  if (obj['per-file'] !== undefined) {
    for (const [pattern, v] of Object.entries(c.object(['per-file'], obj['per-file']))) {
      const at = ['per-file', pattern];
      c.glob(['per-file'], pattern);
      config.perFile.push({ pattern, settings: c.settings(at, c.object(at, v), SETTING_KEYS) });
    }
  }
  return config;
}

/** The plugin specs a config names (`plugins`: paths relative to its directory, or packages), checked. */
export function pluginSpecs(raw: unknown, display: string): string[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const v = (raw as Record<string, unknown>).plugins;
  if (v === undefined) return [];
  const specs = new Checker(display).strings(['plugins'], v);
  if (specs.some((s) => s.trim() === '')) throw new ConfigError(`${display}: "plugins" holds an empty name`);
  return specs;
}
