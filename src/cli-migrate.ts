import { createRequire } from 'node:module';
import { parseRule, RuleError } from './builtins.js';
import type { TransformOptions } from './transform-types.js';
import { ARG_NAME } from './config/migrate-settings.js';

const { InvalidArgumentError } = createRequire(import.meta.url)('commander') as typeof import('commander');

/** `--rebase pattern=replacement`, checked, collected in the order given. */
export function collectRebase(value: string, previous: string[] = []): string[] {
  try {
    parseRule(value);
  } catch (e) {
    if (e instanceof RuleError) throw new InvalidArgumentError(`${e.message}.`);
    throw e;
  }
  return [...previous, value.trim()];
}

/** `--set-arg NAME=VALUE`, collected; a later value for a name wins. */
export function collectSetArg(value: string, previous: Array<[string, string]> = []): Array<[string, string]> {
  const eq = value.indexOf('=');
  const name = eq < 0 ? value : value.slice(0, eq);
  if (eq < 0) throw new InvalidArgumentError(`write NAME=VALUE, such as NODE_VERSION=20.11.1 (an empty default: ${value}=).`);
  if (!ARG_NAME.test(name)) throw new InvalidArgumentError(`"${name}" is not an ARG name (letters, digits and _, not starting with a digit).`);
  if (/[\r\n]/.test(value)) throw new InvalidArgumentError('a value is one line.');
  return [...previous, [name, value.slice(eq + 1)]];
}

/** The transform options of `--rebase` and `--set-arg`, when given. */
export function migrationCliOptions(o: { rebase?: string[]; setArg?: Array<[string, string]> }): TransformOptions {
  return {
    ...(o.rebase ? { rebase: o.rebase } : {}),
    ...(o.setArg ? { setArgs: Object.fromEntries(o.setArg) } : {}),
  };
}
