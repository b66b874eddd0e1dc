/**
 * Debian's package relations (data/debian/<release>.txt.gz, written by scripts/debian-data.mjs from the release's
 * Packages index): what apt installs with and without recommended packages. Read lazily, once per release.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** Releases the package ships data for. */
export const DATA_RELEASES = ['bookworm', 'trixie'] as const;
export type DataRelease = (typeof DATA_RELEASES)[number];

/** The first line of a data file. */
interface Header {
  format: number;
  release: string;
  version: string | null;
  date: string | null;
  source: string;
  /** Number of packages. */
  count: number;
}

export interface ReleaseData {
  release: DataRelease;
  /** Point release and date of the index the data was made from. */
  version: string | null;
  date: string | null;
  /** The real package apt installs for a name (through Provides for a virtual name), or null when unknown. */
  resolve(name: string): number | null;
  name(id: number): string;
  /** Depends + Pre-Depends (first alternatives), as package ids. */
  depends(id: number): number[];
  /** Recommends (first alternatives), as package ids. */
  recommends(id: number): number[];
  /** Packages of every Debian image: Priority required, Essential, apt, and what they depend on. */
  inBase(id: number): boolean;
}

/** The data directory: next to the sources (`transforms/shared/` → `data/`) or to the build (`dist/transforms/shared/`). */
function dataDir(): string | null {
  for (const rel of ['../../data/debian/', '../../../data/debian/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  return null;
}

const cache = new Map<DataRelease, ReleaseData | null>();

/** The data of a release, or null when it is not shipped (or unreadable). */
export function releaseData(release: DataRelease): ReleaseData | null {
  if (cache.has(release)) return cache.get(release)!;
  let data: ReleaseData | null = null;
  const dir = dataDir();
  const file = dir && `${dir}${release}.txt.gz`;
  if (file && existsSync(file)) data = decode(release, gunzipSync(readFileSync(file)).toString('latin1'));
  cache.set(release, data);
  return data;
}

const ids = (s: string): number[] => (s === '' ? [] : s.split(',').map((x) => Number.parseInt(x, 36)));

/**
 * The text of a data file (scripts/debian-data.mjs), one record a line: a JSON header; the package names, sorted; per package
 * "depends;recommends" as base-36 ids; "virtual-name<TAB>provider ids" lines; the ids of the base system.
 */
function decode(release: DataRelease, text: string): ReleaseData {
  // Where each line starts (the text is not split: a string per line would cost more than the lookups need).
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  const starts = new Int32Array(count + 2);
  for (let i = 1, at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts[i++] = at + 1;
  starts[count + 1] = text.length + 1;
  const line = (i: number): string => text.slice(starts[i], starts[i + 1] - 1);
  const lineCount = count + 1;

  const header = JSON.parse(line(0)) as Header;
  if (header.format !== 2) throw new Error(`data/debian/${release}.txt.gz: unknown format ${header.format}`);
  const n = header.count;
  const nameOf = (id: number) => line(1 + id);
  const base = new Set(ids(line(lineCount - 1)));
  let virtual: Map<string, number> | null = null;
  const provider = (name: string): number | null => {
    if (!virtual) {
      virtual = new Map();
      for (let i = 1 + 2 * n; i < lineCount - 1; i++) {
        const l = line(i);
        const tab = l.indexOf('\t');
        virtual.set(l.slice(0, tab), Number.parseInt(l.slice(tab + 1), 36));
      }
    }
    return virtual.get(name) ?? null;
  };
  // The names are sorted (by code unit): a binary search finds them without building an index.
  const find = (name: string): number | undefined => {
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = nameOf(mid);
      if (x === name) return mid;
      if (x < name) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
  const parsed = new Map<number, [number[], number[]]>();
  const rel = (id: number): [number[], number[]] => {
    let r = parsed.get(id);
    if (!r) {
      const s = id >= 0 && id < n ? line(1 + n + id) : '';
      const semi = s.indexOf(';');
      r = semi < 0 ? [[], []] : [ids(s.slice(0, semi)), ids(s.slice(semi + 1))];
      parsed.set(id, r);
    }
    return r;
  };
  // Every install of a stage resolves the names of the installs before it again: remember the answers.
  const resolved = new Map<string, number | null>();
  const resolve = (name: string): number | null => {
    let id = resolved.get(name);
    if (id === undefined) resolved.set(name, (id = find(name) ?? provider(name)));
    return id;
  };
  return {
    release,
    version: header.version,
    date: header.date,
    resolve,
    name: nameOf,
    depends: (id) => rel(id)[0],
    recommends: (id) => rel(id)[1],
    inBase: (id) => base.has(id),
  };
}
