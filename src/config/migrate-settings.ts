import { parseRule, RuleError } from '../builtins.js';
import type { Checker } from './settings.js';
import { typeOf } from './settings.js';

/** An ARG name, as `--set-arg` and `set-args` take it. */
export const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `rebase`: a list of `pattern=replacement` rules, or an object of pattern → replacement, in the order written. */
export function checkRebase(c: Checker, at: string[], v: unknown): string[] {
  let rules: string[];
  if (Array.isArray(v)) rules = c.strings(at, v);
  else if (v !== null && typeof v === 'object') {
    rules = Object.entries(v as Record<string, unknown>).map(([pattern, replacement]) => {
      if (typeof replacement !== 'string') c.fail([...at, pattern], `must be an image reference (the replacement), not ${typeOf(replacement)}`);
      return `${pattern}=${replacement}`;
    });
  } else {
    return c.fail(at, `must be a list of "pattern=replacement" rules or an object of pattern: replacement, not ${typeOf(v)}`);
  }
  for (const r of rules) {
    try {
      parseRule(r);
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      c.fail(at, `holds a rule that cannot be used: ${e.message}`);
    }
  }
  return rules;
}

/** `set-args`: an object of ARG name → default, a string (a number could lose digits: 20.10 reads as 20.1). */
export function checkSetArgs(c: Checker, at: string[], v: unknown): Record<string, string> {
  const o = c.object(at, v);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(o)) {
    if (!ARG_NAME.test(name)) c.fail(at, `holds "${name}", which is not an ARG name (letters, digits and _, not starting with a digit)`);
    if (typeof value === 'string' && !/[\r\n]/.test(value)) out[name] = value;
    else if (typeof value === 'number') c.fail([...at, name], `must be a string ("${value}", in quotes: a number may lose digits, 20.10 reads as 20.1)`);
    else c.fail([...at, name], `must be a string on one line, not ${typeOf(value)}`);
  }
  return out;
}
