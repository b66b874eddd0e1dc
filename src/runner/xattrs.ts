import { spawnSync } from 'node:child_process';

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
export function extendedAttributes(path: string): string[] | null {
  if (process.platform !== 'linux' || !hasGetfattr()) return null;
  const r = spawnSync('getfattr', ['--absolute-names', '--match=-', '--', path], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  return r.stdout
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('# file:'))
    .filter((l) => l !== 'security.selinux');
}
