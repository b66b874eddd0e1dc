/**
 * Wildcard matching in time linear in the text (O(text × pattern)), for the two pattern languages Docker reads:
 * COPY/ADD sources (Go's filepath.Match) and `.dockerignore` lines (moby/patternmatcher).
 *
 * Why not a regular expression (or picomatch, which compiles to one): JavaScript's backtracking engine takes time
 * exponential in the number of stars (`*a*a*a*a*a*a*a*a*a*a*b` against a long name of `a`s, `**` /`**` /`**` …
 * against a deep path ran for minutes). Go's regexp (which moby uses) is an automaton and linear; so is this: the
 * pattern is a sequence of tokens, and matching keeps the set of tokens the text read so far can have reached
 * (a Thompson automaton), one pass over the text.
 */

type Token =
  | { k: 'char'; c: string }
  /** `?`: one character but `/`. */
  | { k: 'one' }
  /** `[…]`: one character in (or, negated, not in) the ranges. */
  | { k: 'class'; negated: boolean; ranges: Array<[number, number]> }
  /** `*`: any run of characters but `/`. */
  | { k: 'star' }
  /** `**` at the end of a .dockerignore pattern: anything. */
  | { k: 'all' }
  /** `**` elsewhere in a .dockerignore pattern: nothing, or anything that ends with `/` (the next token is `dirsIn`). */
  | { k: 'dirs' }
  | { k: 'dirsIn' };

/** A compiled pattern: whether a whole string matches it (or, `orParent`, a part of it before a `/`). */
export type Matcher = (text: string, orParent?: boolean) => boolean;

/**
 * A `[…]` class as Go's filepath.Match reads it, from just after the `[`: optional `^` (negation), then ranges
 * `a` or `a-z`, `\` escaping; a `-` or `]` where a range starts, or no closing `]`, is a bad pattern.
 * Returns the token and the index after the `]`, or null.
 */
function parseClass(chars: string[], start: number): { token: Token; end: number } | null {
  let i = start;
  let negated = false;
  if (chars[i] === '^') {
    negated = true;
    i++;
  }
  const ranges: Array<[number, number]> = [];
  const esc = (): number | null => {
    let c = chars[i];
    if (c === undefined || c === '-' || c === ']') return null;
    if (c === '\\') {
      c = chars[++i];
      if (c === undefined) return null;
    }
    i++;
    return c.codePointAt(0)!;
  };
  for (;;) {
    if (chars[i] === ']' && ranges.length > 0) return { token: { k: 'class', negated, ranges }, end: i + 1 };
    const lo = esc();
    if (lo === null) return null;
    let hi = lo;
    if (chars[i] === '-') {
      i++;
      const h = esc();
      if (h === null) return null;
      hi = h;
    }
    ranges.push([lo, hi]);
  }
}

/**
 * Tokens of a pattern, or null when it is malformed. `doubleStar`: `**` spans directories (.dockerignore);
 * otherwise it is two stars (COPY).
 */
function tokenize(pattern: string, doubleStar: boolean): Token[] | null {
  const chars = Array.from(pattern);
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; ) {
    const c = chars[i];
    if (c === '*') {
      if (doubleStar && chars[i + 1] === '*') {
        i += 2;
        if (chars[i] === '/') i++;
        if (i >= chars.length) tokens.push({ k: 'all' });
        else tokens.push({ k: 'dirs' }, { k: 'dirsIn' });
      } else {
        i++;
        // Consecutive stars match what one does.
        if (tokens[tokens.length - 1]?.k !== 'star') tokens.push({ k: 'star' });
      }
    } else if (c === '?') {
      tokens.push({ k: 'one' });
      i++;
    } else if (c === '[') {
      const cls = parseClass(chars, i + 1);
      if (!cls) return null;
      tokens.push(cls.token);
      i = cls.end;
    } else if (c === '\\') {
      if (i + 1 >= chars.length) return null;
      tokens.push({ k: 'char', c: chars[i + 1] });
      i += 2;
    } else {
      tokens.push({ k: 'char', c });
      i++;
    }
  }
  return tokens;
}

function inClass(t: Extract<Token, { k: 'class' }>, c: string): boolean {
  const cp = c.codePointAt(0)!;
  let hit = false;
  for (const [lo, hi] of t.ranges) {
    if (cp >= lo && cp <= hi) {
      hit = true;
      break;
    }
  }
  return hit !== t.negated;
}

/**
 * Run the token automaton over `text`: whether all of it matches, or (`orParent`) also whether a part of it that
 * ends just before a `/` does.
 */
function run(tokens: Token[], text: string, orParent: boolean): boolean {
  const end = tokens.length;
  // mark[s] === step: state s is in the set for this step (no clearing between steps).
  const mark = new Int32Array(end + 1).fill(-1);
  let current: number[] = [];
  let next: number[] = [];
  const stack: number[] = [];
  let step = 0;
  // Add a state and the states it reaches without reading anything.
  const add = (set: number[], first: number) => {
    stack.push(first);
    while (stack.length) {
      const s = stack.pop()!;
      if (mark[s] === step) continue;
      mark[s] = step;
      set.push(s);
      const k = s < end ? tokens[s].k : null;
      if (k === 'star' || k === 'all') stack.push(s + 1);
      else if (k === 'dirs') stack.push(s + 2, s + 1);
    }
  };
  add(current, 0);
  for (const c of text) {
    if (orParent && c === '/' && step > 0 && mark[end] === step) return true;
    step++;
    next.length = 0;
    for (const s of current) {
      if (s === end) continue;
      const t = tokens[s];
      switch (t.k) {
        case 'char':
          if (t.c === c) add(next, s + 1);
          break;
        case 'one':
          if (c !== '/') add(next, s + 1);
          break;
        case 'class':
          if (inClass(t, c)) add(next, s + 1);
          break;
        case 'star':
          if (c !== '/') add(next, s);
          break;
        case 'all':
          add(next, s);
          break;
        case 'dirsIn':
          add(next, s);
          if (c === '/') add(next, s + 1);
          break;
        case 'dirs':
          break;
      }
    }
    if (next.length === 0) return false;
    [current, next] = [next, current];
  }
  return mark[end] === step;
}

/**
 * A COPY/ADD source wildcard, as Go's filepath.Match reads it: `*` (any run but `/`), `?`, `[…]` (`^` negates),
 * `\` escapes. Null for a malformed pattern (Docker rejects it).
 */
export function compileCopyGlob(pattern: string): Matcher | null {
  const tokens = tokenize(pattern, false);
  return tokens && ((text, orParent = false) => run(tokens, text, orParent));
}

/**
 * A cleaned `.dockerignore` pattern (no `!`, no leading `/`), as moby/patternmatcher reads it: filepath.Match
 * syntax plus `**`, which at the end matches anything and elsewhere any number of whole directories (`**` followed
 * by `/` is `**`). A pattern that starts with `**` and has no other wildcard is moby's "suffix" case: the path ends
 * with the rest of the pattern. Null for a malformed pattern.
 */
export function compileIgnorePattern(pattern: string): Matcher | null {
  if (pattern.startsWith('**') && !/[*?[\\]/.test(pattern.slice(2))) {
    const suffix = pattern.slice(2);
    const whole = (path: string, end: number) =>
      (end >= suffix.length && path.startsWith(suffix, end - suffix.length)) || (suffix.startsWith('/') && end === suffix.length - 1 && path.startsWith(suffix.slice(1)));
    return (path, orParent = false) => {
      if (whole(path, path.length)) return true;
      for (let i = orParent ? path.indexOf('/') : -1; i >= 0; i = path.indexOf('/', i + 1)) if (whole(path, i)) return true;
      return false;
    };
  }
  const tokens = tokenize(pattern, true);
  return tokens && ((text, orParent = false) => run(tokens, text, orParent));
}
