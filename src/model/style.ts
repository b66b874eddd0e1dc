import type { Instruction, Style } from './types.js';

function mostCommon(values: string[]): string | null {
  const counts = new Map<string, number>();
  let best: string | null = null;
  let bestCount = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

/** A continuation line of code of an instruction (blank and comment lines inside a continuation left out). */
export interface ContinuationLine {
  indent: string;
  /** The shell operator the line starts with (`&&`, `||`, `|`, `;`), or null. */
  lead: string | null;
  /** The operator the line of code before it ends with, before the escape character, or null. */
  trail: string | null;
}

/** The continuation lines of code of an instruction's text (its first line is the keyword's, and is not one). */
export function continuationLines(text: string, escape: '\\' | '`'): ContinuationLine[] {
  const esc = escape === '\\' ? '\\\\' : escape;
  const endsWithOperator = new RegExp(`(&&|\\|\\||\\||;)[ \t]*${esc}[ \t]*$`);
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const out: ContinuationLine[] = [];
  let prev = lines[0];
  for (const line of lines.slice(1)) {
    if (/^[ \t]*(#.*)?$/.test(line)) continue;
    out.push({
      indent: /^[ \t]*/.exec(line)![0],
      lead: /^[ \t]*(&&|\|\||\||;)/.exec(line)?.[1] ?? null,
      trail: endsWithOperator.exec(prev)?.[1] ?? null,
    });
    prev = line;
  }
  return out;
}

/** Read the file's own conventions, so inserted text looks like the author wrote it. */
export function detectStyle(text: string, escape: '\\' | '`', instructions: Instruction[]): Style {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const eol = crlf > 0 && crlf >= lf ? '\r\n' : '\n';

  /** Indents of other continuation lines (arguments). */
  const argumentIndents: string[] = [];
  /** Indents of continuation lines that start a command (after `&& \` or beginning with `&&`/`||`/`;`). */
  const commandIndents: string[] = [];
  let leading = 0;
  let trailing = 0;
  let upper = 0;
  let lower = 0;
  /** Operators that end one command and start another (a pipe's right side is part of the same command line). */
  const separates = (op: string | null) => op === '&&' || op === '||' || op === ';';
  for (const ins of instructions) {
    if (/^[A-Z]+$/.test(ins.keyword)) upper++;
    else if (/^[a-z]+$/.test(ins.keyword)) lower++;
    for (const line of continuationLines(text.slice(ins.start, ins.end), escape)) {
      if (separates(line.lead)) {
        commandIndents.push(line.indent);
        if (line.lead === '&&') leading++;
      } else if (separates(line.trail)) {
        commandIndents.push(line.indent);
      } else {
        argumentIndents.push(line.indent);
      }
      if (line.trail === '&&') trailing++;
    }
  }
  // Lines that start a command show the author's indent for one. Argument lines are often aligned under the
  // first argument (or a VOLUME's list), which is no indent for a new command: only plain tabs or two spaces
  // there (a package list indented by one level) say how the author indents.
  const plain = mostCommon(argumentIndents.filter((x) => x.length > 0));
  const indent = mostCommon(commandIndents.filter((x) => x.length > 0)) ?? (plain !== null && /^(\t+|  )$/.test(plain) ? plain : '    ');
  return {
    eol,
    escape,
    indent,
    keywordCase: lower > upper ? 'lower' : 'upper',
    andPosition: leading > trailing ? 'leading' : 'trailing',
  };
}

/** A keyword in the file's case. */
export function keyword(style: Style, name: string): string {
  return style.keywordCase === 'lower' ? name.toLowerCase() : name.toUpperCase();
}

/** Text that ends the current line with a continuation and starts the next one indented. */
export function continuation(style: Style): string {
  return ` ${style.escape}${style.eol}${style.indent}`;
}
