import type { TransformOptions } from '../transform-types.js';
import type { CliChoice } from './resolve.js';
import type { Settings } from './settings.js';

/** The rules and ARG values in force: later config layers win, then the command line (rules replace, ARGs merge). */
function merged(ls: Settings[], cli: TransformOptions): { rebase: string[]; setArgs: Record<string, string> } {
  let rebase: string[] = [];
  let setArgs: Record<string, string> = {};
  for (const l of ls) {
    if (l.rebase !== undefined) rebase = l.rebase;
    if (l.setArgs !== undefined) setArgs = { ...setArgs, ...l.setArgs };
  }
  if (cli.rebase !== undefined) rebase = cli.rebase;
  if (cli.setArgs !== undefined) setArgs = { ...setArgs, ...cli.setArgs };
  return { rebase, setArgs };
}

/**
 * The migration transforms that rules and values turn on: rebase when there are rebase rules, pin-args when there are
 * ARG values. With `-t`, only those the command line gave rules or values for; a `skip` of any layer wins.
 */
export function migrationIds(cli: CliChoice, ls: Settings[]): string[] {
  const from: TransformOptions = cli.transforms ? cli.options : merged(ls, cli.options);
  const skipped = new Set(ls.flatMap((l) => l.skip ?? []));
  const ids: string[] = [];
  if ((from.rebase?.length ?? 0) > 0 && !skipped.has('rebase')) ids.push('rebase');
  if (Object.keys(from.setArgs ?? {}).length > 0 && !skipped.has('pin-args')) ids.push('pin-args');
  return ids;
}

/** The options of a plan: those of the config layers, the command line's over them, and the merged migration values. */
export function migrationOptions(ls: Settings[], options: TransformOptions, cli: TransformOptions): TransformOptions {
  const out: TransformOptions = { ...options, ...cli };
  const { rebase, setArgs } = merged(ls, cli);
  if (rebase.length > 0) out.rebase = rebase;
  else delete out.rebase;
  if (Object.keys(setArgs).length > 0) out.setArgs = setArgs;
  else delete out.setArgs;
  return out;
}
