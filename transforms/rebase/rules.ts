import { canonicalPattern, parseImageName, type ImageName } from './image-ref.js';

/** A checked `pattern=replacement` rule of the rebase transform. */
export interface RebaseRule {
  /** The rule as written. */
  text: string;
  pattern: string;
  replacement: string;
  /** Matches a reference's canonical name (without digest); one group per `*`. */
  regex: RegExp;
}

/** A rule that cannot be used; the message says why (without the option or file that gave it). */
export class RuleError extends Error {
  override name = 'RuleError';
}

const PATTERN_CHARS = /^[a-z0-9._:/*[\]-]+$/;
const CLASS = /^\[!?[a-z0-9._-]+\]/;

function patternRegex(pattern: string): RegExp {
  const canonical = canonicalPattern(pattern);
  let src = '';
  for (let i = 0; i < canonical.length; ) {
    const c = canonical[i];
    if (c === '*') {
      src += '(.*)';
      i++;
    } else if (c === '[') {
      const m = CLASS.exec(canonical.slice(i));
      if (!m) throw new RuleError(`the pattern ${pattern} has a [ that starts no character class such as [0-8]`);
      src += m[0].replace(/^\[!/, '[^').replace(/\./g, '\\.');
      i += m[0].length;
    } else if (c === ']') {
      throw new RuleError(`the pattern ${pattern} has a ] that closes no character class`);
    } else {
      src += c.replace(/[.]/g, '\\.');
      i++;
    }
  }
  return new RegExp(`^${src}$`);
}

/**
 * Check a rule `pattern=replacement`: the pattern an image reference (name and tag) where `*` matches any run of
 * characters and `[0-8]` one of a class; the replacement an image reference where each `*` stands for what the
 * pattern's `*` of the same rank matched.
 */
export function parseRule(text: string): RebaseRule {
  const parts = text.split('=');
  if (parts.length !== 2) throw new RuleError(`"${text}" is not a rule: write pattern=replacement, such as node:16*=node:20`);
  const [pattern, replacement] = parts.map((p) => p.trim());
  if (pattern === '' || replacement === '') throw new RuleError(`"${text}" needs both a pattern and a replacement (pattern=replacement)`);
  if (pattern.includes('@')) throw new RuleError(`the pattern ${pattern} has a digest: a pattern matches the name and tag (a digest is handled by the rule)`);
  if (!PATTERN_CHARS.test(pattern)) {
    throw new RuleError(`the pattern ${pattern} is not an image reference pattern (lower-case letters, digits, . _ - : / and * or [0-8])`);
  }
  const regex = patternRegex(pattern);
  const stars = (s: string) => s.split('*').length - 1;
  if (stars(replacement) > stars(pattern)) {
    throw new RuleError(`the replacement ${replacement} has more * than the pattern ${pattern} (each * stands for what the pattern's * matched)`);
  }
  if (!parseImageName(replacement.replace(/\*/g, 'x1'))) throw new RuleError(`the replacement ${replacement} is not an image reference`);
  return { text, pattern, replacement, regex };
}

/** What the rules make of an image reference. */
export type Rewrite =
  | { kind: 'same' }
  | { kind: 'rewrite'; to: string; rule: RebaseRule; note: string | null }
  | { kind: 'skip'; reason: string };

/** The first rule matching the reference, and what it makes of it (as written, not yet checked for a second run). */
function applyOnce(image: string, name: ImageName, rules: readonly RebaseRule[]): Rewrite {
  for (const rule of rules) {
    const m = rule.regex.exec(name.canonical);
    if (!m) continue;
    let k = 1;
    let to = rule.replacement.replace(/\*/g, () => m[k++] ?? '');
    const target = parseImageName(to);
    if (!target) return { kind: 'skip', reason: `the rule ${rule.text} makes ${to} of ${image}, which is not an image reference` };
    // An image of Docker Hub written with its registry (docker.io/library/node) stays written that way.
    if (name.hubPrefix && target.domain === 'docker.io' && !target.hubPrefix) {
      const host = /^[^/]+\//.exec(name.hubPrefix)![0];
      to = (name.hubPrefix.endsWith('library/') && target.repository.startsWith('library/') ? `${host}library/` : host) + to;
    }
    let note: string | null = null;
    if (name.digest && !target.digest) {
      if (target.tag === name.tag) to += `@${name.digest}`;
      else note = `the digest @${name.digest.slice(0, 19)}… pinned the content of the old tag; dropped`;
    }
    return to === image ? { kind: 'same' } : { kind: 'rewrite', to, rule, note };
  }
  return { kind: 'same' };
}

/**
 * What the rules make of an image reference written without variables: the first matching rule's result, or
 * `same` when no rule matches or the result is what is written. A result the rules would rewrite again is skipped,
 * so that a second run changes nothing.
 */
export function rewriteImage(image: string, rules: readonly RebaseRule[]): Rewrite {
  const name = parseImageName(image);
  if (!name) return { kind: 'same' };
  const r = applyOnce(image, name, rules);
  if (r.kind !== 'rewrite') return r;
  const again = applyOnce(r.to, parseImageName(r.to)!, rules);
  if (again.kind === 'rewrite') {
    return {
      kind: 'skip',
      reason: `the rule ${r.rule.text} makes ${r.to} of ${image}, which the rule ${again.rule.text} would rewrite again (to ${again.to}); a rule's result must not match a rule`,
    };
  }
  return r;
}

/** Checked rules for these rule texts, parsed once per list. */
const cache = new Map<string, RebaseRule[]>();
export function rulesOf(texts: readonly string[]): RebaseRule[] {
  const key = texts.join('\n');
  let rules = cache.get(key);
  if (!rules) cache.set(key, (rules = texts.map(parseRule)));
  return rules;
}
