import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { expandVars } from '../src/model/vars.js';

/** The regular expression expandVars once was: the same results, in time quadratic on unclosed `${A:-`. */
function reference(text: string, vars: Record<string, string>): string {
  return text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
      const value = vars[braced ?? bare ?? ''];
      if (op === undefined) return value ?? '';
      const set = op.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
      if (op.endsWith('-')) return set ? value! : word ?? '';
      return set ? word ?? '' : '';
    },
  );
}

describe('expandVars', () => {
  const vars = Object.assign(Object.create(null) as Record<string, string>, { A: 'x', B: '', A_1: 'y$A' });
  it('substitutes like the regular expression it replaced, on any mix of $, braces and operators', () => {
    const piece = fc.constantFrom('$', '{', '}', ':', '-', '+', 'A', 'B', 'C', '_', '1', ' ', '/', 'a');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        expect(expandVars(text, vars)).toBe(reference(text, vars));
      }),
      { numRuns: 20_000 },
    );
  });

  it('examples', () => {
    expect(expandVars('/$A/${A}/${B:-d}/${B-d}/${C:+e}/${A:+e}/$$/${/$1', vars)).toBe('/x/x/d///e/$$/${/$1');
    expect(expandVars('${C:-$A}', vars)).toBe('$A');
  });

  it('takes linear time on thousands of ${A:- that nothing closes (once minutes)', () => {
    const t = performance.now();
    expect(expandVars('${A:-'.repeat(50_000), vars)).toBe('${A:-'.repeat(50_000));
    expect(performance.now() - t).toBeLessThan(2000);
  });

  it('refuses to make more than 1 MiB', () => {
    const big = Object.assign(Object.create(null) as Record<string, string>, { V: 'v'.repeat(300_000) });
    expect(expandVars('$V$V$V', big)).toHaveLength(900_000);
    expect(() => expandVars('$V$V$V$V', big)).toThrow(InputError);
  });
});
