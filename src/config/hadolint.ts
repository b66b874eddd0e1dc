import { existsSync } from 'node:fs';
import { insideRoot, present, readConfigText } from './read.js';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { displayPath, repositoryRoot } from './load.js';
import { ConfigError } from './settings.js';

/** The rules a `.hadolint.yaml` ignores, and the file that says so. */
export interface HadolintIgnores {
  path: string;
  ignored: string[];
}

const HIDDEN = ['.hadolint.yaml', '.hadolint.yml'];

type Yaml = typeof import('js-yaml');
let jsYaml: Yaml | undefined;
/** js-yaml, loaded on the first .hadolint.yaml found: loading it costs a start about 30 ms. */
function yaml(): Yaml {
  return (jsYaml ??= createRequire(import.meta.url)('js-yaml') as Yaml);
}

/**
 * hadolint's own places, tried when no `.hadolint.yaml` is found upward from the Dockerfile: the current
 * directory, then `$XDG_CONFIG_HOME/hadolint.yaml` (`~/.config`), `~/.hadolint/{hadolint,config}.yaml`,
 * `~/.hadolint.yaml` (each also as `.yml`), as hadolint's `findConfig` orders them.
 */
function hadolintPlaces(cwd: string, env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME || homedir();
  const xdg = env.XDG_CONFIG_HOME || join(home, '.config');
  return [
    ...HIDDEN.map((n) => join(cwd, n)),
    ...['hadolint.yaml', 'hadolint.yml'].map((n) => join(xdg, n)),
    ...['hadolint.yaml', 'hadolint.yml', 'config.yaml', 'config.yml'].map((n) => join(home, '.hadolint', n)),
    ...HIDDEN.map((n) => join(home, n)),
  ];
}

/**
 * `.hadolint.yaml` files: the nearest one upward from a Dockerfile's directory to the repository root (or the
 * file-system root outside a repository), else the first of hadolint's own places. Only `ignored:` is read.
 */
export class HadolintConfigFinder {
  private readonly byDir = new Map<string, HadolintIgnores | null>();
  private readonly byFile = new Map<string, HadolintIgnores>();
  private fallback: HadolintIgnores | null | undefined;

  constructor(
    private readonly cwd: string = process.cwd(),
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private read(path: string): HadolintIgnores {
    let r = this.byFile.get(path);
    if (r) return r;
    let doc: unknown;
    try {
      doc = yaml().load(readConfigText(path, displayPath(path)));
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      // js-yaml's first line is the reason and the place; the lines after it quote the text.
      throw new ConfigError(`${displayPath(path)}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    }
    const ignored = doc && typeof doc === 'object' ? (doc as Record<string, unknown>).ignored : undefined;
    if (ignored !== undefined && ignored !== null && (!Array.isArray(ignored) || ignored.some((i) => typeof i !== 'string'))) {
      throw new ConfigError(`${displayPath(path)}: "ignored" must be a list of rule ids`);
    }
    r = { path, ignored: (ignored as string[] | null | undefined) ?? [] };
    this.byFile.set(path, r);
    return r;
  }

  /** The `.hadolint.yaml` that governs files in `dir`, or null. */
  forDirectory(dir: string): HadolintIgnores | null {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached;
    const root = repositoryRoot(dir);
    let found: HadolintIgnores | null = null;
    for (let d = dir; ; d = dirname(d)) {
      // A file that leads out of the repository (outside one: out of its own directory) through a symlink is not
      // the repository's: it is never read.
      const hit = HIDDEN.map((n) => join(d, n)).find((p) => present(p) && insideRoot(p, root ?? d));
      if (hit) {
        found = this.read(hit);
        break;
      }
      if (d === root || dirname(d) === d) break;
    }
    if (!found) {
      if (this.fallback === undefined) {
        const hit = hadolintPlaces(this.cwd, this.env).find((p) => existsSync(p));
        this.fallback = hit ? this.read(hit) : null;
      }
      found = this.fallback;
    }
    this.byDir.set(dir, found);
    return found;
  }
}
