import type { Arg, Comment, Flag } from './types.js';

/**
 * The syntax layer under the model: where each directive, comment and instruction is, with its flags and
 * arguments, as file offsets. Two producers: syntax-scan.ts (one pass over the text, used for most files) and
 * syntax-ast.ts (dockerfile-ast, used where the scanner declines, and as the reference the scanner is tested
 * against).
 */
export interface SyntaxDirective {
  name: string;
  value: string;
  /** From the `#` to the end of the line. */
  start: number;
  end: number;
}

export interface SyntaxInstruction {
  /** Keyword as written. */
  keyword: string;
  start: number;
  end: number;
  flags: Flag[];
  /** Span of the arguments after the flags, leading blanks skipped (empty at `end` when there are none). */
  argsStart: number;
  argsEnd: number;
  /** Exec form: the arguments are a JSON array of strings. */
  json: boolean;
  heredoc: boolean;
  /** JSON strings in exec form, else the whitespace-separated words after the flags. Computed on call. */
  args(): Arg[];
  /** ENV: its name/value pairs; ARG: its one declaration (value null without default); others: none. */
  properties(): Array<{ name: string; value: string | null }>;
  /** ONBUILD: the instruction it registers. */
  trigger: SyntaxInstruction | null;
}

export interface Syntax {
  escape: '\\' | '`';
  /** Every `# key=value` line of the directive block at the top, BuildKit's or not. */
  directives: SyntaxDirective[];
  comments: Comment[];
  instructions: SyntaxInstruction[];
}

const JSON_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);

/** True when the instruction's arguments are a JSON array of strings (its exec form). */
export function isJsonForm(name: string, argsText: string): boolean {
  if (!JSON_FORM.has(name)) return false;
  const t = argsText.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return false;
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) && v.every((x) => typeof x === 'string');
  } catch {
    return false;
  }
}

/** The arguments span once the flags are skipped: after the last flag, leading blanks dropped. */
export function argsSpan(text: string, rangeStart: number | null, rangeEnd: number | null, end: number, flags: Flag[]) {
  let argsStart = rangeStart ?? end;
  let argsEnd = rangeEnd ?? end;
  if (flags.length) argsStart = Math.max(argsStart, flags[flags.length - 1].end);
  while (argsStart < argsEnd && /\s/.test(text[argsStart])) argsStart++;
  if (argsEnd < argsStart) argsEnd = argsStart;
  return { argsStart, argsEnd };
}

