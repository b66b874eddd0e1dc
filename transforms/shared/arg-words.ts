import type { Instruction } from '../../src/model/types.js';

/** One `NAME[=default]` of an ARG instruction, with the span of its default as written. */
export interface ArgDeclaration {
  ins: Instruction;
  name: string;
  /** The default as Docker reads it when `literal`, else as written inside its quotes; null when there is no `=`. */
  value: string | null;
  /** Quote around the default: `"`, `'`, or '' for none. */
  quote: '"' | "'" | '';
  /** The default as Docker reads it is `value` itself: no variable, no escape character in it. */
  literal: boolean;
  /** Span of the default with its quotes; for a declaration without `=`, the empty span after the name. */
  valueStart: number;
  valueEnd: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The words of an ARG's arguments with their spans: split at blanks and line continuations outside quotes. Null for
 * text this reader does not take apart (a quote left open, a comment line or an escape outside quotes).
 */
function words(text: string, start: number, end: number, escape: string): Array<{ start: number; end: number }> | null {
  const out: Array<{ start: number; end: number }> = [];
  let word = -1;
  let quote = '';
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\n' || c === '\r') return null;
      if (quote === '"' && c === escape) i++;
      else if (c === quote) quote = '';
      continue;
    }
    const continuation = c === escape ? /^[ \t]*\r?\n/.exec(text.slice(i + 1, end)) : null;
    if (c === ' ' || c === '\t' || continuation) {
      if (word >= 0) out.push({ start: word, end: i });
      word = -1;
      if (continuation) {
        i += continuation[0].length;
        if (/^[ \t]*#/.test(text.slice(i + 1, end))) return null;
      }
      continue;
    }
    if (c === '\n' || c === '\r' || c === escape) return null;
    if (word < 0) word = i;
    if (c === '"' || c === "'") quote = c;
  }
  if (quote) return null;
  if (word >= 0) out.push({ start: word, end });
  return out;
}

/** What Docker reads in a double-quoted default, or null when it expands a variable. */
function doubleQuoted(inner: string, escape: string): string | null {
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '$') return null;
    if (c === escape && i + 1 < inner.length && (inner[i + 1] === '"' || inner[i + 1] === '$' || inner[i + 1] === escape)) out += inner[++i];
    else out += c;
  }
  return out;
}

/**
 * The declarations of an ARG (`ARG A`, `ARG A=1 B="x y"`), or null when one of its words is not a plain
 * `NAME[=default]` with an unquoted default or one quoted whole (such an ARG is left to the author).
 */
export function argDeclarations(ins: Instruction, text: string, escape: string): ArgDeclaration[] | null {
  if (ins.name !== 'ARG' || ins.flags.length > 0) return null;
  const spans = words(text, ins.argsStart, ins.argsEnd, escape);
  if (spans === null || spans.length === 0) return null;
  const out: ArgDeclaration[] = [];
  for (const a of spans) {
    const w = text.slice(a.start, a.end);
    const eq = w.indexOf('=');
    const name = eq < 0 ? w : w.slice(0, eq);
    if (!NAME.test(name)) return null;
    if (eq < 0) {
      out.push({ ins, name, value: null, quote: '', literal: true, valueStart: a.end, valueEnd: a.end });
      continue;
    }
    const raw = w.slice(eq + 1);
    const q = raw[0];
    let value = raw;
    let literal = !raw.includes('$');
    let quote: ArgDeclaration['quote'] = '';
    if (q === '"' || q === "'") {
      const inner = raw.slice(1, -1);
      if (raw.length < 2 || raw[raw.length - 1] !== q) return null;
      if (q === "'") {
        if (inner.includes("'")) return null;
        value = inner;
        literal = true;
      } else {
        if (/["]/.test(inner.replace(new RegExp(`${escape === '\\' ? '\\\\' : escape}[\\s\\S]`, 'g'), ''))) return null;
        const read = doubleQuoted(inner, escape);
        value = read ?? inner;
        literal = read !== null;
      }
      quote = q;
    } else if (/["']/.test(raw) || raw.includes(escape)) {
      return null;
    }
    out.push({ ins, name, value, quote, literal, valueStart: a.start + eq + 1, valueEnd: a.end });
  }
  return out;
}

const BARE = /^[A-Za-z0-9_.,:/@+%=~^-]*$/;

/**
 * A default written so that Docker reads `value`: in the quotes the author used when they can hold it, else bare
 * when it needs no quotes, else single quotes, else double quotes with `"`, `$` and the escape character escaped.
 */
export function quoteArgValue(value: string, quote: ArgDeclaration['quote'], escape: string): string {
  const double = () => `"${value.replace(new RegExp(`[${escape === '\\' ? '\\\\' : escape}"$]`, 'g'), (c) => escape + c)}"`;
  if (quote === '"') return double();
  if (quote === "'" && !value.includes("'")) return `'${value}'`;
  if (BARE.test(value)) return value;
  if (!value.includes("'")) return `'${value}'`;
  return double();
}
