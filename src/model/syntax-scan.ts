import { argsSpan, isJsonForm, type Syntax, type SyntaxDirective, type SyntaxInstruction } from './syntax.js';
import { declarations } from './syntax-properties.js';
import type { Arg, Comment, Flag } from './types.js';

/*
 * A one-pass reading of a Dockerfile that gives what syntax-ast.ts gives, at a fraction of the cost: the splitting
 * of directives, comments, instructions, arguments, flags, JSON strings and ENV/ARG declarations follows
 * dockerfile-ast 0.7's algorithms step for step, on offsets instead of line/character positions. The scanner
 * declines (returns null) where it does not follow dockerfile-ast: keywords broken by a line continuation, and
 * heredoc words other than plain `<<NAME`, `<<-NAME`, `<<"NAME"` or `<<'NAME'` (escaped, or split by a
 * continuation).
 */

class Decline extends Error {}

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isLineBreak = (c: string) => c === '\r' || c === '\n';

/** Index of the first character at or after `from` that is not a space or tab (the text's length if none). */
function skipBlanks(text: string, from: number): number {
  let j = from;
  while (j < text.length && (text.charAt(j) === ' ' || text.charAt(j) === '\t')) j++;
  return j;
}

/** Offset of the start of 0-based line `n` (`\r\n`, `\r` and `\n` each end a line), or the text's length. */
function lineStart(text: string, n: number): number {
  if (n === 0) return 0;
  let line = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if ((c === 13 || c === 10) && ++line === n) return i + 1;
  }
  return text.length;
}

/** The directive block at the top (dockerfile-ast's getParserDirectives). */
function scanDirectives(buf: string): SyntaxDirective[] {
  const directives: SyntaxDirective[] = [];
  directiveCheck: for (let i = 0; i < buf.length; i++) {
    switch (buf.charAt(i)) {
      case ' ':
      case '\t':
        break;
      case '\r':
      case '\n':
        break directiveCheck;
      case '#': {
        let directiveStart = -1;
        let directiveEnd = -1;
        for (let j = i + 1; j < buf.length; j++) {
          let char = buf.charAt(j);
          switch (char) {
            case ' ':
            case '\t':
              if (directiveStart !== -1 && directiveEnd === -1) directiveEnd = j;
              break;
            case '\r':
            case '\n':
              break directiveCheck;
            case '=': {
              let valueStart = -1;
              let valueEnd = -1;
              if (directiveEnd === -1) directiveEnd = j;
              let lineEnd = buf.length;
              directiveValue: for (let k = j + 1; k < buf.length; k++) {
                char = buf.charAt(k);
                switch (char) {
                  case '\r':
                  case '\n':
                    if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
                    lineEnd = k;
                    break directiveValue;
                  case '\t':
                  case ' ':
                    if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
                    continue;
                  default:
                    if (valueStart === -1) valueStart = k;
                    break;
                }
              }
              if (directiveStart === -1) break directiveCheck;
              if (valueStart === -1) {
                valueStart = j + 1;
                valueEnd = lineEnd;
              } else if (valueEnd === -1) {
                valueEnd = buf.length;
              }
              directives.push({
                name: buf.slice(directiveStart, directiveEnd),
                value: buf.slice(valueStart, valueEnd),
                start: i,
                end: lineEnd,
              });
              i = buf.charAt(valueEnd) === '\r' ? valueEnd + 1 : valueEnd;
              continue directiveCheck;
            }
            default:
              if (directiveStart === -1) directiveStart = j;
              break;
          }
        }
        break;
      }
      default:
        break directiveCheck;
    }
  }
  return directives;
}

/** Whitespace-separated words of an instruction after its keyword (dockerfile-ast's getRawArguments). */
function rawArguments(text: string, escapeChar: string, offset: number, endOffset: number): Arg[] {
  const args: Arg[] = [];
  const fullArgs = text.slice(offset, endOffset);
  let start = false;
  let comment = false;
  let found = -1;
  let escapedWhitespaceDetected = false;
  let escaping = false;
  let escapeMarker = -1;
  let escapedArg = '';
  const push = (end: number) => args.push({ value: escapedArg, start: offset + found, end: offset + end });
  for (let i = 0; i < fullArgs.length; i++) {
    const char = fullArgs.charAt(i);
    if (isWhitespace(char)) {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (char === '\r' || char === '\n') {
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        push(escapeMarker === -1 ? i : escapeMarker);
        escapeMarker = -1;
        escapedArg = '';
        found = -1;
      }
    } else if (char === escapeChar) {
      const next = fullArgs.charAt(i + 1);
      if (next === ' ' || next === '\t') {
        const j = skipBlanks(fullArgs, i + 2);
        if (j < fullArgs.length && isLineBreak(fullArgs.charAt(j))) {
          comment = false;
          escaping = true;
          start = true;
          if (found !== -1) escapeMarker = i;
          i = fullArgs.charAt(j) === '\r' ? j + 1 : j;
        } else if (j < fullArgs.length) {
          escapeMarker = i;
          if (found === -1) i = j - 1;
        }
      } else if (next === '\r') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
      } else if (next === '\n') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(escapeMarker);
          escapedArg = '';
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === '$') escapedArg = escapedArg + char + next;
        else if (next === '') break;
        else escapedArg = escapedArg + next;
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && char === '#') {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(escapeMarker);
          escapedArg = '';
          found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        escapedArg = escapedArg + char;
        if (found === -1) found = i;
      }
      start = false;
    }
  }
  if (found !== -1) push(escapeMarker === -1 ? fullArgs.length : escapeMarker);
  return args;
}

/** The leading `--name[=value]` words (dockerfile-ast's ModifiableInstruction.getFlags). */
function flagsOf(text: string, args: Arg[], stop: (value: string) => boolean): Flag[] {
  const flags: Flag[] = [];
  for (const arg of args) {
    const value = arg.value;
    if (stop(value)) return flags;
    if (value.indexOf('--') !== 0) continue;
    const nameIndex = value.indexOf('=');
    const index = text.slice(arg.start, arg.end).indexOf('=');
    if (index === -1) flags.push({ name: value.substring(2), value: null, start: arg.start, end: arg.end });
    else if (index === value.length - 1) flags.push({ name: value.substring(2, index), value: '', start: arg.start, end: arg.end });
    else flags.push({ name: value.substring(2, nameIndex), value: value.substring(nameIndex + 1), start: arg.start, end: arg.end });
  }
  return flags;
}

/**
 * Where only blanks stand from `from` to a line break: the index of its last character (the `\n` of `\r\n`, taken
 * on trust after a `\r`), or -1.
 */
function blanksToLineEnd(text: string, from: number): number {
  const j = skipBlanks(text, from);
  const c = text.charAt(j);
  return c === '\r' ? j + 1 : c === '\n' ? j : -1;
}

/** The strings of an exec-form array (dockerfile-ast's JSONInstruction), with their quotes' span. */
function jsonStrings(text: string, args: Arg[]): Arg[] {
  const strings: Arg[] = [];
  if (args.length === 0) return strings;
  if ((args.length === 1 && args[0].value === '[]') || (args.length === 2 && args[0].value === '[' && args[1].value === ']')) return strings;
  const argsOffset = args[0].start;
  const argsContent = text.slice(argsOffset, args[args.length - 1].end);
  let start = -1;
  let last = '';
  let quoted = false;
  let escapedArg = '';
  argsCheck: for (let i = 0; i < argsContent.length; i++) {
    const char = argsContent.charAt(i);
    switch (char) {
      case '[':
        if (last === '') last = '[';
        else if (quoted) escapedArg = escapedArg + char;
        else break argsCheck;
        break;
      case '"':
        if (last === '[' || last === ',') {
          start = i;
          quoted = true;
          last = '"';
          escapedArg = escapedArg + char;
          continue;
        } else if (last === '"') {
          if (quoted) {
            escapedArg = escapedArg + char;
            quoted = false;
            strings.push({ value: escapedArg.substring(1, escapedArg.length - 1), start: argsOffset + start, end: argsOffset + i + 1 });
            escapedArg = '';
          } else {
            break argsCheck;
          }
        } else {
          break argsCheck;
        }
        break;
      case ',':
        if (quoted) escapedArg = escapedArg + char;
        else if (last === '"') last = ',';
        else break argsCheck;
        break;
      case ']':
        if (quoted) escapedArg = escapedArg + char;
        else if (last !== '') break argsCheck;
        break;
      case ' ':
      case '\t':
        break;
      case '\\':
        if (quoted) {
          switch (argsContent.charAt(i + 1)) {
            case '"':
            case '\\':
              escapedArg = escapedArg + argsContent.charAt(i + 1);
              i++;
              continue;
            case ' ':
            case '\t': {
              const nl = blanksToLineEnd(argsContent, i + 2);
              if (nl !== -1) {
                i = nl;
                continue argsCheck;
              }
              break;
            }
            case '\r':
              i++;
            // falls through
            default:
              i++;
              continue;
          }
        } else {
          const nl = blanksToLineEnd(argsContent, i + 1);
          if (nl !== -1) {
            i = nl;
            continue argsCheck;
          }
        }
        break argsCheck;
      default:
        if (!quoted) break argsCheck;
        escapedArg = escapedArg + char;
        break;
    }
  }
  return strings;
}

const STOP_AT_FIRST_NON_FLAG = (v: string) => v.indexOf('--') === -1;
/** Instructions with flags, and where their flag search stops (dockerfile-ast's stopSearchingForFlags). */
const FLAG_SEARCH: Record<string, (value: string) => boolean> = {
  FROM: STOP_AT_FIRST_NON_FLAG,
  RUN: STOP_AT_FIRST_NON_FLAG,
  COPY: STOP_AT_FIRST_NON_FLAG,
  ADD: STOP_AT_FIRST_NON_FLAG,
  HEALTHCHECK: (v) => v.toUpperCase() === 'CMD' || v.toUpperCase() === 'NONE',
  CMD: () => true,
  ENTRYPOINT: () => true,
  SHELL: () => true,
  VOLUME: () => true,
};

/** The delimiter of a `<<` word's value, or null (dockerfile-ast's Util.parseHeredocName). */
function heredocName(value: string): string | null {
  let v = value.substring(2);
  if (v.charAt(0) === '-') v = v.substring(1);
  for (const q of ['"', "'"]) {
    if (v.charAt(0) === q) {
      if (v.charAt(v.length - 1) !== q) return null;
      v = v.substring(1, v.length - 1);
    }
  }
  return v.charAt(0) === '<' ? null : v;
}

/**
 * A heredoc word both of dockerfile-ast's readings of names agree on (Util.parseHeredocName, which ends the
 * instruction, and Instruction.getName, which getHeredocs matches delimiters with): written without escapes, a
 * plain name, quoted or not.
 */
function plainHeredoc(text: string, arg: Arg, name: string): boolean {
  return text.slice(arg.start, arg.end) === arg.value && /^[A-Za-z0-9_.-]+$/.test(name);
}

/**
 * Whether dockerfile-ast's Instruction.getHeredocs() finds any, for an instruction whose arguments (flags left
 * out) are `args`. Where getHeredocs throws (a line break it reads as unescaped with no `<<` word before it, as
 * after a continuation line `\#x`), the answer is whether any word starts with `<<`, as in syntax-ast.ts.
 */
function hasHeredoc(text: string, escapeChar: string, args: Arg[], start: number, end: number): boolean {
  // Without a `<<` word both getHeredocs and the answer where it throws are no.
  if (!args.some((a) => a.value.startsWith('<<'))) return false;
  let multiLine = false;
  for (let i = start; i < end && !multiLine; i++) multiLine = isLineBreak(text.charAt(i));
  if (multiLine) {
    let escaping = false;
    contentLoop: for (let i = args[0].start; i < end; i++) {
      const c = text.charAt(i);
      if (c === escapeChar) {
        escaping = true;
        for (let j = i + 1; j < end; j++) {
          const d = text.charAt(j);
          if (d === ' ' || d === '\t') continue;
          i = d === '\r' ? j + 1 : j;
          continue contentLoop;
        }
        continue;
      }
      switch (c) {
        case '\r':
          break;
        case '\n':
          // The first unescaped line break: getHeredocs has found heredocs (or throws).
          if (!escaping) return true;
          break;
        case ' ':
        case '\t':
          if (escaping) break;
        // falls through
        case '#':
          if (escaping) {
            const nl = text.indexOf('\n', i + 1);
            if (nl !== -1 && nl < end) {
              i = nl;
              continue contentLoop;
            }
          }
        // falls through
        default:
          escaping = false;
          break;
      }
    }
  }
  // Read as one line: the `<<` words that name a heredoc.
  return args.some((a) => a.value.startsWith('<<') && heredocName(a.value) !== null);
}

/** An instruction as read, with its arguments after the flags (dockerfile-ast's getArguments). */
interface ScannedInstruction extends SyntaxInstruction {
  words: Arg[];
  trigger: ScannedInstruction | null;
}

function makeInstruction(text: string, escape: '\\' | '`', keyword: string, start: number, kwEnd: number, end: number): ScannedInstruction {
  const name = keyword.toUpperCase();
  const raw = rawArguments(text, escape, kwEnd, end);
  const stop = FLAG_SEARCH[name];
  const flags = stop ? flagsOf(text, raw, stop) : [];
  const words = flags.length ? raw.slice(flags.length) : raw;
  const hasWords = words.length > 0;
  const { argsStart, argsEnd } = argsSpan(text, hasWords ? words[0].start : null, hasWords ? words[words.length - 1].end : null, end, flags);
  const json = isJsonForm(name, text.slice(argsStart, argsEnd));
  const trigger = name === 'ONBUILD' && raw.length > 0
    ? makeInstruction(text, escape, text.slice(raw[0].start, raw[0].end), raw[0].start, raw[0].end, end)
    : null;
  return {
    keyword,
    start,
    end,
    flags,
    argsStart,
    argsEnd,
    json,
    heredoc: hasHeredoc(text, escape, words, start, end),
    args: json ? () => jsonStrings(text, words) : () => words.filter((w) => w.start >= argsStart),
    properties: () => (name === 'ENV' || name === 'ARG' ? declarations(name, text, escape, start, kwEnd, end) : []),
    trigger,
    words,
  };
}

class Scanner {
  readonly comments: Comment[] = [];
  readonly instructions: SyntaxInstruction[] = [];
  private lessThanAt = -1;

  constructor(
    private readonly buffer: string,
    private readonly escapeChar: '\\' | '`',
  ) {}

  run(offset: number): void {
    for (let i = offset; i < this.buffer.length; i++) {
      const char = this.buffer.charAt(i);
      switch (char) {
        case ' ':
        case '\t':
        case '\r':
        case '\n':
          break;
        case '#':
          i = this.processComment(i);
          break;
        default:
          i = this.processInstruction(char, i);
          break;
      }
    }
  }

  private processInstruction(first: string, start: number): number {
    const buf = this.buffer;
    let instruction = first;
    let instructionEnd = -1;
    let escapedInstruction = false;
    instructionCheck: for (let i = start + 1; i < buf.length; i++) {
      let char = buf.charAt(i);
      switch (char) {
        case this.escapeChar:
          escapedInstruction = true;
          char = buf.charAt(i + 1);
          if (char === '\r' || char === '\n') {
            if (instructionEnd === -1) instructionEnd = i;
            i++;
          } else if (char === ' ' || char === '\t') {
            const j = skipBlanks(buf, i + 2);
            if (j < buf.length && isLineBreak(buf.charAt(j))) {
              i = j;
              continue instructionCheck;
            }
            instructionEnd = i + 1;
            instruction = instruction + this.escapeChar;
            if (j === buf.length) break instructionCheck;
            i = j - 2;
            continue instructionCheck;
          } else {
            instructionEnd = i + 1;
            instruction = instruction + this.escapeChar;
            escapedInstruction = false;
          }
          break;
        case ' ':
        case '\t':
          if (escapedInstruction) {
            const j = skipBlanks(buf, i + 1);
            if (j < buf.length && isLineBreak(buf.charAt(j))) {
              i = j;
              continue instructionCheck;
            }
            escapedInstruction = false;
          }
          if (instructionEnd === -1) instructionEnd = i;
          i = this.processArguments(instruction, start, instructionEnd, i);
          this.add(instruction, start, instructionEnd, i);
          return i;
        case '\r':
        case '\n':
          if (escapedInstruction) continue;
          if (instructionEnd === -1) instructionEnd = i;
          this.add(instruction, start, i, i);
          return i;
        case '#':
          if (escapedInstruction) continue;
        // falls through
        default:
          instructionEnd = i + 1;
          instruction = instruction + char;
          escapedInstruction = false;
          break;
      }
    }
    if (instructionEnd === -1) instructionEnd = buf.length;
    this.add(instruction, start, instructionEnd, buf.length);
    return buf.length;
  }

  private processArguments(instruction: string, start: number, instructionEnd: number, offset: number): number {
    const buf = this.buffer;
    let escaped = false;
    argumentsCheck: for (let i = offset + 1; i < buf.length; i++) {
      switch (buf.charAt(i)) {
        case '\r':
        case '\n':
          if (escaped) continue;
          // A `<<` word needs a `<` (its two may stand apart, joined by a continuation).
          if (this.nextLessThan(start) >= i) return i;
          return this.processHeredocs(makeInstruction(buf, this.escapeChar, instruction, start, instructionEnd, i), i);
        case this.escapeChar: {
          const next = buf.charAt(i + 1);
          if (next === '\n' || next === '\r') {
            escaped = true;
            i++;
          } else if (next === ' ' || next === '\t') {
            const j = skipBlanks(buf, i + 2);
            if (j === buf.length) return buf.length;
            if (isLineBreak(buf.charAt(j))) escaped = true;
            i = j;
            continue argumentsCheck;
          }
          continue;
        }
        case '#':
          if (escaped) {
            i = this.processComment(i);
            continue argumentsCheck;
          }
          break;
        case ' ':
        case '\t':
          break;
        default:
          if (escaped) escaped = false;
          break;
      }
    }
    return buf.length;
  }

  /** Where the instruction ends once the heredocs its first line opens are read (dockerfile-ast's processHeredocs). */
  private processHeredocs(ins: ScannedInstruction, offset: number): number {
    let keyword = ins.keyword.toUpperCase();
    if (keyword === 'ONBUILD') {
      if (ins.trigger === null) return offset;
      ins = ins.trigger;
      keyword = ins.keyword.toUpperCase();
    }
    if (keyword !== 'ADD' && keyword !== 'COPY' && keyword !== 'RUN') return offset;
    const names: string[] = [];
    let tabbed = false;
    for (const arg of ins.words) {
      const value = arg.value;
      if (value.startsWith('<<') && value.length > 2) {
        if (value.startsWith('<<-')) tabbed = true;
        const name = heredocName(value);
        if (name === null) continue;
        if (!plainHeredoc(this.buffer, arg, name)) throw new Decline();
        names.push(name);
      }
    }
    for (const name of names) offset = this.parseHeredoc(name, offset, tabbed);
    return offset;
  }

  /** The line break after the heredoc's delimiter line, or the end (dockerfile-ast's parseHeredoc). */
  private parseHeredoc(name: string, offset: number, tabbed: boolean): number {
    const buf = this.buffer;
    let startWord = -1;
    let lineStart = true;
    for (let i = offset; i < buf.length; i++) {
      switch (buf.charAt(i)) {
        case ' ':
          lineStart = false;
          break;
        case '\t':
          if (!tabbed) lineStart = false;
          break;
        case '\r':
        case '\n':
          if (startWord !== -1 && name === buf.substring(startWord, i)) return i;
          startWord = -1;
          lineStart = true;
          break;
        default:
          if (lineStart) {
            startWord = i;
            lineStart = false;
          }
          break;
      }
    }
    return buf.length;
  }

  /** Offset of the first `<` at or after `from` (the text's length if none); `from` never decreases. */
  private nextLessThan(from: number): number {
    if (this.lessThanAt < from) {
      const at = this.buffer.indexOf('<', from);
      this.lessThanAt = at === -1 ? this.buffer.length : at;
    }
    return this.lessThanAt;
  }

  private processComment(start: number): number {
    const buf = this.buffer;
    let end = buf.length;
    for (let i = start + 1; i < buf.length; i++) {
      const c = buf.charAt(i);
      if (c === '\r' || c === '\n') {
        end = i;
        break;
      }
    }
    let from = start + 1;
    while (from < end && isWhitespace(buf.charAt(from))) from++;
    let to = end;
    while (to > from && isWhitespace(buf.charAt(to - 1))) to--;
    this.comments.push({ start, end, content: buf.slice(from, to) });
    return end;
  }

  private add(instruction: string, start: number, instructionEnd: number, end: number): void {
    if (this.buffer.slice(start, instructionEnd) !== instruction) throw new Decline();
    this.instructions.push(makeInstruction(this.buffer, this.escapeChar, instruction, start, instructionEnd, end));
  }
}

/** The syntax of a Dockerfile (without BOM), or null where dockerfile-ast must read it. */
export function scanSyntax(text: string): Syntax | null {
  const directives = scanDirectives(text);
  let escape: '\\' | '`' = '\\';
  for (const d of directives) {
    if (d.name.toLowerCase() === 'escape' && (d.value === '\\' || d.value === '`')) {
      escape = d.value;
      break;
    }
  }
  const scanner = new Scanner(text, escape);
  try {
    scanner.run(directives.length > 0 ? lineStart(text, directives.length) : 0);
  } catch (e) {
    if (e instanceof Decline) return null;
    throw e;
  }
  return { escape, directives, comments: scanner.comments, instructions: scanner.instructions };
}
