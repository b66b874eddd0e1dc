/**
 * `.dockerignore` as Docker reads it (moby/patternmatcher): one pattern a line, `#` comments, `!` re-includes,
 * patterns cleaned like Go's filepath.Clean and anchored at the context root (a leading `/` is dropped),
 * `*` and `?` stay within a path segment, `**` spans segments, `[…]` is a class, `\` escapes. A path is
 * excluded when the last pattern matching it or one of its parent directories is not a `!` pattern.
 */
import type { BuildContext } from '../../src/transform-types.js';
import { compileIgnorePattern, type Matcher } from './glob-match.js';

interface Pattern {
  text: string;
  negated: boolean;
  matches: Matcher;
}

export interface DockerIgnore {
  /** Why the file could not be interpreted (then nothing can be proved about exclusions). */
  problem: string | null;
  /** The context path is not sent to the builder. */
  ignored(path: string): boolean;
  /** The directory and everything under it are excluded (no `!` pattern can re-include part of it). */
  excludesDir(path: string): boolean;
}

function cleanPattern(p: string): string {
  const abs = p.startsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else if (!abs) parts.push('..');
    } else parts.push(seg);
  }
  return parts.join('/') || '.';
}

const NONE: DockerIgnore = { problem: null, ignored: () => false, excludesDir: () => false };

/** Literal leading part of a pattern (before its first wildcard). */
function literalPrefix(p: string): string {
  const i = p.search(/[*?[\\]/);
  return i < 0 ? p : p.slice(0, i);
}

export function parseDockerIgnore(text: string): DockerIgnore {
  const patterns: Pattern[] = [];
  for (const line of text.split(/\r?\n/)) {
    let p = line.trim();
    if (!p || p.startsWith('#')) continue;
    let negated = false;
    if (p.startsWith('!')) {
      negated = true;
      p = p.slice(1).trim();
    }
    const cleaned = cleanPattern(p);
    const matches = compileIgnorePattern(cleaned);
    if (!matches) {
      return { problem: `cannot interpret the .dockerignore pattern "${line.trim()}"`, ignored: () => true, excludesDir: () => false };
    }
    patterns.push({ text: cleaned, negated, matches });
  }
  if (patterns.length === 0) return NONE;

  const ignored = (path: string): boolean => {
    let matched = false;
    for (const pat of patterns) {
      if (pat.negated !== matched) continue;
      if (pat.matches(path, true)) matched = !pat.negated;
    }
    return matched;
  };
  const excludesDir = (dir: string): boolean => {
    if (!ignored(dir)) return false;
    const slash = `${dir}/`;
    return !patterns.some((p) => {
      if (!p.negated) return false;
      const prefix = literalPrefix(p.text);
      return slash.startsWith(prefix) || prefix.startsWith(slash) || prefix === '';
    });
  };
  return { problem: null, ignored, excludesDir };
}

/** The context's `.dockerignore` (none: nothing excluded). */
export function loadDockerIgnore(context: BuildContext): DockerIgnore {
  const text = context.readText('.dockerignore');
  if (text === null) return NONE;
  return parseDockerIgnore(text);
}
