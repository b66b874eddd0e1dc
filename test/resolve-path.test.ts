import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolvePath } from '../src/model/vars.js';

/** Join and normalise segment by segment, the plain way. */
function reference(base: string, path: string): string {
  const parts: string[] = [];
  for (const p of (path.startsWith('/') ? path : `${base}/${path}`).split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

describe('resolvePath', () => {
  const segment = fc.constantFrom('a', 'bc', '.', '..', '', '...', '.a');
  const path = fc.array(segment, { maxLength: 8 }).map((s) => s.join('/'));
  it('joins and normalises like the plain segment walk, for any base and path', () => {
    fc.assert(
      fc.property(fc.boolean(), path, fc.boolean(), path, (absBase, base, absPath, rel) => {
        const b = (absBase ? '/' : '') + base;
        const p = (absPath ? '/' : '') + rel;
        expect(resolvePath(b, p)).toBe(reference(b, p));
      }),
      { numRuns: 3000 },
    );
  });
  it('nests 5,000 relative directories quickly (once minutes for 4,000 WORKDIRs)', () => {
    let wd = '/';
    const t = performance.now();
    for (let i = 0; i < 5000; i++) wd = resolvePath(wd, 'a');
    expect(wd.length).toBe(10_000);
    expect(performance.now() - t).toBeLessThan(5000);
  });
});
