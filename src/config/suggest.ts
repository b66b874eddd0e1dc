import { createRequire } from 'node:module';

/** ` (did you mean "x"?)` for a near miss among `choices`, or ''. */
export function didYouMean(word: string, choices: readonly string[]): string {
  // Loaded here: only a mistake needs it.
  const { closest, distance } = createRequire(import.meta.url)('fastest-levenshtein') as typeof import('fastest-levenshtein');
  const best = closest(word, [...choices]);
  return distance(word, best) <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean "${best}"?)` : '';
}
