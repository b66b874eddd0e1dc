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

/**
 * Extended attributes a new file would not inherit: user attributes, POSIX ACLs (system.posix_acl_*), capabilities.
 * `security.selinux` is left out: a file renamed into place gets its directory's default label, as any editor's
 * file does. Node has no API for extended attributes; `getfattr` is asked, and without it the answer is unknown
 * (null).
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
  const r = spawnSync('getfattr', ['--absolute-names', '--match=-', '--', path], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  return r.stdout
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('# file:'))
    .filter((l) => l !== 'security.selinux');
}
