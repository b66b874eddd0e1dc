import { spawnSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import type { FsPath } from './fs-path.js';

let getfattr: boolean | undefined;

/** Whether the `getfattr` tool (package attr) can be run. */
function hasGetfattr(): boolean {
  if (getfattr === undefined) {
    const r = spawnSync('getfattr', ['--version'], { stdio: 'ignore' });
    getfattr = r.status === 0;
  }
  return getfattr;
}

/** Attribute names left out: `security.selinux`, which a file renamed into place gets anyway (its directory's default). */
const IGNORED = new Set(['security.selinux']);

/** Names getfattr prints as they are (printable ASCII, no backslash): the ones a batch answer can be matched to. */
const PLAIN = /^[\x20-\x5b\x5d-\x7e]+$/;

/** Answers fetched in batches: real path → attribute names. */
const known = new Map<string, string[]>();

/** Run getfattr on `paths`; attribute names per path, or null when it failed. */
function query(paths: string[]): Map<string, string[]> | null {
  const r = spawnSync('getfattr', ['--absolute-names', '--match=-', '--', ...paths], {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C' },
    maxBuffer: 64 * 1024 * 1024,
  });
  // Exit 1 when some file could not be read (it will then be asked alone).
  if (r.status === null || r.error) return null;
  const out = new Map<string, string[]>(paths.map((p) => [p, []]));
  let current: string[] | undefined;
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('# file: ')) current = out.get(line.slice(8));
    else if (line !== '' && current && !IGNORED.has(line)) current.push(line);
  }
  return out;
}

/**
 * Ask about many files at once (one getfattr run per few thousand files rather than one per file): files a run is
 * about to rewrite. Names getfattr would print escaped are left to be asked one by one.
 */
export function prefetchExtendedAttributes(paths: readonly FsPath[]): void {
  if (process.platform !== 'linux' || !hasGetfattr()) return;
  const plain = paths.filter((p): p is string => typeof p === 'string' && PLAIN.test(p) && !known.has(p));
  for (let i = 0; i < plain.length; ) {
    const batch: string[] = [];
    let bytes = 0;
    // Well under the kernel's limit on the size of a command line.
    while (i < plain.length && bytes < 64 * 1024) {
      batch.push(plain[i]);
      bytes += plain[i].length + 1;
      i++;
    }
    const got = query(batch);
    if (got) for (const [p, names] of got) known.set(p, names);
  }
}

/**
 * Extended attributes a new file would not inherit: user attributes, POSIX ACLs (system.posix_acl_*), capabilities.
 * Node has no API for extended attributes; `getfattr` is asked, and without it the answer is unknown (null).
 */
export function extendedAttributes(path: FsPath): string[] | null {
  if (process.platform !== 'linux' || !hasGetfattr()) return null;
  if (typeof path !== 'string') {
    // A command line cannot carry a name that is not UTF-8 from here: name the file by an open descriptor.
    let fd: number;
    try {
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch {
      return null;
    }
    try {
      return extendedAttributes(`/proc/${process.pid}/fd/${fd}`);
    } finally {
      closeSync(fd);
    }
  }
  const cached = known.get(path);
  if (cached) {
    known.delete(path);
    return cached;
  }
  const r = spawnSync('getfattr', ['--absolute-names', '--match=-', '--', path], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  return r.stdout
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('# file:'))
    .filter((l) => !IGNORED.has(l));
}
