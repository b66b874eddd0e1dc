import type { Transform } from '../transform-types.js';
import type { Summary } from './types.js';

/**
 * `--statistics`: one line per transform that reported anything, most fixes first (ruff's layout:
 * `count  id  description`), with the unsafe fixes left out and the fixes skipped after the description.
 */
export function statisticsTable(s: Summary, transforms: readonly Transform[]): string {
  const describe = new Map(transforms.map((t) => [t.id, t.description]));
  const rows = Object.entries(s.byTransform).sort(([a, x], [b, y]) => y.fixes - x.fixes || (a < b ? -1 : a > b ? 1 : 0));
  if (rows.length === 0) return '';
  const countWidth = Math.max(...rows.map(([, c]) => String(c.fixes).length));
  const idWidth = Math.max(...rows.map(([id]) => id.length));
  return rows
    .map(([id, c]) => {
      const extra: string[] = [];
      if (c.unsafe > 0) extra.push(`${c.unsafe} unsafe not applied`);
      if (c.skipped > 0) extra.push(`${c.skipped} skipped`);
      const tail = extra.length > 0 ? ` (${extra.join(', ')})` : '';
      return `${String(c.fixes).padStart(countWidth)}  ${id.padEnd(idWidth)}  ${describe.get(id) ?? ''}${tail}`;
    })
    .join('\n') + '\n';
}
