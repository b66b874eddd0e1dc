import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AcceptedEdits, editsOverlap, type Edit } from '../src/edits.js';

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.tuple(fc.nat(60), fc.nat(8), fc.string({ maxLength: 2 })).map(([start, len, text]) => ({ start, end: start + len, text })),
  fc.tuple(fc.nat(60), fc.nat(8), fc.nat(70)).map(([start, len, to]) => ({ start, end: start + len, to, move: true as const })),
);

describe('AcceptedEdits', () => {
  it('accepts exactly the fixes the pairwise check accepts', () => {
    fc.assert(fc.property(fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { maxLength: 40 }), (fixes) => {
      const pairwise: Edit[][] = [];
      const spans = new AcceptedEdits();
      for (const f of fixes) {
        const clash = pairwise.some((a) => editsOverlap(a, f));
        expect(spans.overlaps(f)).toBe(clash);
        if (!clash) {
          pairwise.push(f);
          spans.add(f);
        }
      }
    }), { numRuns: 2000 });
  });

  it('counts touching spans and insertions at a span edge as overlapping', () => {
    const spans = new AcceptedEdits();
    spans.add([{ start: 10, end: 20, text: 'x' }]);
    expect(spans.overlaps([{ start: 20, end: 20, text: 'y' }])).toBe(true);
    expect(spans.overlaps([{ start: 0, end: 10, text: '' }])).toBe(true);
    expect(spans.overlaps([{ start: 21, end: 30, text: '' }])).toBe(false);
    expect(spans.overlaps([{ start: 0, end: 5, to: 15, move: true }])).toBe(true);
  });
});
