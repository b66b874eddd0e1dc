import { unifiedDiff } from './diff.js';

/**
 * The unified diff of a context file a fix creates (`before` null: from `/dev/null`, as `git diff` shows a new
 * file) or rewrites, under the path `path` (relative to the directory the patch applies from).
 */
export function sideFileDiff(path: string | Buffer, before: string | null, after: string): string {
  const diff = unifiedDiff(path, before ?? '', after);
  if (before !== null) return diff;
  return '--- /dev/null' + diff.slice(diff.indexOf('\n'));
}
