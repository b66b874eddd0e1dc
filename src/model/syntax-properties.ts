import type { Arg } from './types.js';

/*
 * ENV and ARG declarations as dockerfile-ast 0.7 reads them (PropertyInstruction.getPropertyArguments, Property,
 * Arg), step for step, on offsets. test/syntax.test.ts checks it against dockerfile-ast.
 */

export interface Property {
  name: string;
  value: string | null;
}

/** Index of the first character that is neither a blank nor an escaped line break; -1 when there is none. */
function findLeadingNonWhitespace(content: string, escapeChar: string): number {
  whitespaceCheck: for (let i = 0; i < content.length; i++) {
    const c = content.charAt(i);
    if (c === ' ' || c === '\t') continue;
    if (c !== escapeChar) return i;
    for (let j = i + 1; j < content.length; j++) {
      switch (content.charAt(j)) {
        case ' ':
        case '\t':
          continue;
        case '\r':
          i = j + 1;
          continue whitespaceCheck;
        case '\n':
          i = j;
          continue whitespaceCheck;
        default:
          return -1;
      }
    }
    return -1;
  }
  return -1;
}

/** Index of the last character that is neither a blank nor part of a trailing escaped line break. */
function findTrailingNonWhitespace(content: string, escapeChar: string): number {
  let index = content.length;
  whitespaceCheck: for (let i = content.length - 1; i >= 0; i--) {
    switch (content.charAt(i)) {
      case ' ':
      case '\t':
        continue;
      case '\n':
      case '\r':
        if (content.charAt(i) === '\n' && content.charAt(i - 1) === '\r') i = i - 1;
        for (let j = i - 1; j >= 0; j--) {
          const c = content.charAt(j);
          if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === escapeChar) continue;
          index = j;
          break;
        }
        break whitespaceCheck;
      default:
        index = i;
        break whitespaceCheck;
    }
  }
  return index;
}

/** The words of an ENV/ARG/LABEL instruction (values are the raw text; offsets are file offsets). */
function propertyArguments(text: string, escapeChar: string, kwStart: number, kwEnd: number, insEnd: number): Arg[] {
  const args: Arg[] = [];
  const fullArgs = text.slice(kwEnd, insEnd);
  const start = findLeadingNonWhitespace(fullArgs, escapeChar);
  if (start === -1) return [];
  const base = kwEnd + start;
  const arg = (from: number, to: number) => args.push({ value: content.substring(from, to), start: base + from, end: base + to });
  // Already on a continuation line when the first word is not on the keyword's line.
  let escaped = /[\r\n]/.test(text.slice(kwStart, base));
  let endingEscape = false;
  let mark = -1;
  const end = findTrailingNonWhitespace(fullArgs, escapeChar);
  const content = fullArgs.substring(start, end + 1);
  let argStart = escaped ? -1 : 0;
  let spaced = false;
  const spacedArgument = () => {
    if (argStart !== -1) arg(argStart, mark);
  };
  argumentLoop: for (let i = 0; i < content.length; i++) {
    const char = content.charAt(i);
    switch (char) {
      case escapeChar:
        if (i + 1 === content.length) {
          endingEscape = true;
          break argumentLoop;
        }
        if (!escaped) mark = i;
        switch (content.charAt(i + 1)) {
          case ' ':
          case '\t': {
            const c2 = content.charAt(i + 2);
            if (!(c2 === ' ' || c2 === '\t' || c2 === '\r' || c2 === '\n')) {
              i = i + 1;
              continue argumentLoop;
            }
            whitespaceCheck: for (let j = i + 2; j < content.length; j++) {
              switch (content.charAt(j)) {
                case '\r':
                case '\n':
                  if (content.charAt(j) === '\r') j++;
                  escaped = true;
                  i = j;
                  continue argumentLoop;
                case ' ':
                case '\t':
                  break;
                default:
                  args.push({ value: content.substring(argStart, i), start: base + argStart, end: base + i + 2 });
                  argStart = j;
                  break whitespaceCheck;
              }
            }
            i = argStart - 1;
            continue argumentLoop;
          }
          case '\r':
          case '\n':
            if (content.charAt(i + 1) === '\r') i++;
            escaped = true;
            i = i + 1;
            continue argumentLoop;
          case escapeChar:
            if (argStart === -1) argStart = i;
            i = i + 1;
            continue argumentLoop;
          default:
            if (argStart === -1) argStart = i;
            continue argumentLoop;
        }
      case "'":
      case '"':
        if (spaced) {
          spacedArgument();
          argStart = i;
          spaced = false;
        }
        if (argStart === -1) argStart = i;
        for (let j = i + 1; j < content.length; j++) {
          const c = content.charAt(j);
          if (c === char) {
            if (content.charAt(j + 1) !== ' ' && content.charAt(j + 1) !== '') {
              i = j;
              continue argumentLoop;
            }
            arg(argStart, j + 1);
            i = j;
            argStart = -1;
            continue argumentLoop;
          } else if (c === escapeChar) {
            j++;
          }
        }
        break argumentLoop;
      case ' ':
      case '\t':
        if (escaped) {
          if (argStart !== -1) spaced = true;
        } else if (argStart !== -1) {
          arg(argStart, i);
          argStart = -1;
        }
        break;
      case '\r':
      case '\n':
        if (char === '\r') i++;
        spaced = false;
        break;
      case '#':
        if (escaped) {
          for (let j = i + 1; j < content.length; j++) {
            const c = content.charAt(j);
            if (c === '\r' || c === '\n') {
              if (c === '\r') j++;
              i = j;
              spaced = false;
              continue argumentLoop;
            }
          }
          if (argStart !== -1) {
            arg(argStart, mark);
            argStart = -1;
          }
          break argumentLoop;
        } else if (argStart === -1) {
          argStart = i;
        }
        break;
      default:
        if (spaced) {
          spacedArgument();
          argStart = i;
          spaced = false;
        }
        escaped = false;
        if (argStart === -1) argStart = i;
        if (char === '$' && content.charAt(i + 1) === '{') {
          let singleQuotes = false;
          let doubleQuotes = false;
          let escapedVar = false;
          for (let j = i + 1; j < content.length; j++) {
            switch (content.charAt(j)) {
              case escapeChar:
                escapedVar = true;
                break;
              case '\r':
              case '\n':
                break;
              case "'":
                singleQuotes = !singleQuotes;
                escapedVar = false;
                break;
              case '"':
                doubleQuotes = !doubleQuotes;
                escapedVar = false;
                break;
              case ' ':
              case '\t':
                if (escapedVar || singleQuotes || doubleQuotes) break;
                i = j - 1;
                continue argumentLoop;
              case '}':
                i = j;
                continue argumentLoop;
              default:
                escapedVar = false;
                break;
            }
          }
          break argumentLoop;
        }
        break;
    }
  }
  if (argStart !== -1 && argStart !== content.length) arg(argStart, endingEscape ? content.length - 1 : content.length);
  return args;
}

/** A name or value with quotes and escapes removed (Property.getValue). */
function propertyValue(raw: string, escapeChar: string): string {
  let escaped = false;
  const skip = findLeadingNonWhitespace(raw, escapeChar);
  if (skip !== 0 && raw.charAt(skip) === '#') escaped = true;
  let value = raw.substring(skip);
  const first = value.charAt(0);
  const last = value.charAt(value.length - 1);
  const literal = first === "'" || first === '"';
  const inSingle = first === "'" && last === "'";
  let inDouble = false;
  if (first === '"') {
    for (let i = 1; i < value.length; i++) {
      if (value.charAt(i) === escapeChar) i++;
      else if (value.charAt(i) === '"' && i === value.length - 1) inDouble = true;
    }
  }
  if (inSingle || inDouble) value = value.substring(1, value.length - 1);
  let commentCheck = -1;
  let escapedValue = '';
  parseValue: for (let i = 0; i < value.length; i++) {
    let char = value.charAt(i);
    switch (char) {
      case escapeChar:
        if (i + 1 === value.length) {
          escapedValue = escapedValue + escapeChar;
          break parseValue;
        }
        char = value.charAt(i + 1);
        if (char === ' ' || char === '\t') {
          whitespaceCheck: for (let j = i + 2; j < value.length; j++) {
            const char2 = value.charAt(j);
            switch (char2) {
              case ' ':
              case '\t':
                break;
              case '\r':
              case '\n':
                if (char2 === '\r') j++;
                escaped = true;
                i = j;
                continue parseValue;
              default:
                if (!inDouble && !inSingle && !literal) {
                  if (char2 === escapeChar) {
                    escapedValue = escapedValue + char;
                    i = i + 1;
                  } else {
                    escapedValue = escapedValue + char + char2;
                    i = j;
                  }
                  continue parseValue;
                }
                break whitespaceCheck;
            }
          }
        }
        if (inDouble) {
          if (char === '\r') {
            escaped = true;
            i = i + 2;
          } else if (char === '\n') {
            escaped = true;
            i++;
          } else if (char !== '"') {
            if (char === escapeChar) i++;
            escapedValue = escapedValue + escapeChar;
          }
          continue parseValue;
        } else if (inSingle || literal) {
          if (char === '\r') {
            escaped = true;
            i = i + 2;
          } else if (char === '\n') {
            escaped = true;
            i++;
          } else {
            escapedValue = escapedValue + escapeChar;
          }
          continue parseValue;
        } else if (char === escapeChar) {
          escapedValue = escapedValue + escapeChar;
          i++;
        } else if (char === '\r') {
          escaped = true;
          i = i + 2;
        } else if (char === '\n') {
          escaped = true;
          i++;
        } else {
          escapedValue = escapedValue + char;
          i++;
        }
        break;
      case ' ':
      case '\t':
        if (escaped && commentCheck === -1) commentCheck = i;
        escapedValue = escapedValue + char;
        break;
      case '\r':
      case '\n':
        if (char === '\r') i++;
        if (escaped && commentCheck !== -1) {
          escapedValue = escapedValue.substring(0, escapedValue.length - (i - commentCheck - 1));
          commentCheck = -1;
        }
        break;
      case '#':
        if (escaped) {
          if (commentCheck !== -1) {
            escapedValue = escapedValue.substring(0, escapedValue.length - (i - commentCheck));
            commentCheck = -1;
          }
          for (let j = i + 1; j < value.length; j++) {
            const c = value.charAt(j);
            if (c === '\r' || c === '\n') {
              if (c === '\r') j++;
              i = j;
              break;
            }
          }
          continue parseValue;
        }
      // falls through
      default:
        if (escaped) {
          escaped = false;
          commentCheck = -1;
        }
        escapedValue = escapedValue + char;
        break;
    }
  }
  return escapedValue;
}

/** One declaration from a word (`name=value`, `name`) or from a name word and a value word (Property). */
function property(text: string, escapeChar: string, arg: Arg, arg2?: Arg): Property {
  let nameEnd = arg.end;
  const index = arg.value.indexOf('=');
  if (index !== -1) {
    const initial = arg.value.charAt(0);
    const before = arg.value.charAt(index - 1);
    if ((initial === '"' && before === '"') || (initial === "'" && before === "'") || (initial !== '"' && initial !== "'")) {
      nameEnd = arg.start + index;
    }
  }
  // substring, not slice, as dockerfile-ast reads ranges: after `ENV a=\` and a line break, the next argument can
  // start after its end, and substring then reads the text between.
  const name = propertyValue(text.substring(arg.start, nameEnd), escapeChar);
  if (arg2) return { name, value: propertyValue(text.substring(arg2.start, arg2.end), escapeChar) };
  if (nameEnd === arg.end) return { name, value: null };
  return { name, value: propertyValue(text.substring(arg.start + index + 1, arg.end), escapeChar) };
}

/** ENV's declarations, or ARG's one declaration (none when an ARG declares more than one). */
export function declarations(name: 'ENV' | 'ARG', text: string, escapeChar: string, kwStart: number, kwEnd: number, end: number): Property[] {
  const args = propertyArguments(text, escapeChar, kwStart, kwEnd, end);
  if (name === 'ARG') return args.length === 1 ? [property(text, escapeChar, args[0])] : [];
  if (args.length === 0) return [];
  if (args.length === 1) return [property(text, escapeChar, args[0])];
  if (args.length === 2) {
    return args[0].value.indexOf('=') === -1
      ? [property(text, escapeChar, args[0], args[1])]
      : [property(text, escapeChar, args[0]), property(text, escapeChar, args[1])];
  }
  if (args[0].value.indexOf('=') === -1) {
    const last = args[args.length - 1];
    const rest = { value: text.substring(args[1].start, last.end), start: args[1].start, end: last.end };
    return [property(text, escapeChar, args[0], rest)];
  }
  return args.map((a) => property(text, escapeChar, a));
}
