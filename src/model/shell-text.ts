/**
 * RUN bodies as the shell sees them.
 *
 * Docker joins continued lines (dropping the escape character, blanks after it and the line break) and drops
 * empty lines and comment lines inside a continuation. `blankContinuations` makes a same-length, single-line
 * copy of a body (offsets map 1:1 to the file) for analysis; `dockerShellLine` gives the exact line Docker
 * hands to the shell.
 */

interface PhysicalLine {
  /** Offset of the line's first character within the body. */
  start: number;
  /** Offset after the line's content (before `\r\n` / `\n`). */
  contentEnd: number;
  /** Offset after the line break (== contentEnd for the last line). */
  end: number;
}

function splitLines(body: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = 0;
  while (start <= body.length) {
    const nl = body.indexOf('\n', start);
    if (nl < 0) {
      lines.push({ start, contentEnd: body.length, end: body.length });
      break;
    }
    const contentEnd = nl > start && body[nl - 1] === '\r' ? nl - 1 : nl;
    lines.push({ start, contentEnd, end: nl + 1 });
    start = nl + 1;
    if (start === body.length) break;
  }
  return lines;
}

function isDroppedLine(text: string): boolean {
  return /^[ \t]*(#.*)?$/.test(text);
}

/** Offset (within the line) of the continuation escape, or -1 when the line does not continue. */
function continuationAt(line: string, escape: string): number {
  let i = line.length;
  while (i > 0 && (line[i - 1] === ' ' || line[i - 1] === '\t')) i--;
  return i > 0 && line[i - 1] === escape ? i - 1 : -1;
}

export interface BlankedBody {
  text: string;
  /** Set when the same-length copy would not mean what Docker runs (a continuation splits a word). */
  problem: string | null;
}

export function blankContinuations(body: string, escape: string): BlankedBody {
  let out = '';
  let copied = 0;
  const blank = (from: number, to: number) => {
    if (to <= from) return;
    out += body.slice(copied, from) + ' '.repeat(to - from);
    copied = to;
  };
  const lines = splitLines(body);
  let problem: string | null = null;
  let endsInWord = false;
  for (let n = 0; n < lines.length; n++) {
    const l = lines[n];
    const content = body.slice(l.start, l.contentEnd);
    if (n > 0 && isDroppedLine(content)) {
      blank(l.start, l.end);
      continue;
    }
    if (endsInWord && /^[^ \t]/.test(content)) {
      problem ??= 'a line continuation joins two words without a blank between them';
    }
    const esc = continuationAt(content, escape);
    if (esc >= 0) {
      blank(l.start + esc, l.end);
      endsInWord = esc > 0 && !/[ \t]/.test(content[esc - 1]);
    } else {
      if (l.end > l.contentEnd && n < lines.length - 1) {
        // A line break that is not a continuation inside the body: not a plain RUN line.
        problem ??= 'the body spans lines without a continuation';
      }
      blank(l.contentEnd, l.end);
      endsInWord = false;
    }
  }
  return { text: out + body.slice(copied), problem };
}

/** The line Docker passes to `sh -c` for a shell-form RUN body. */
export function dockerShellLine(body: string, escape: string): string {
  let result = '';
  const lines = splitLines(body);
  for (let n = 0; n < lines.length; n++) {
    const l = lines[n];
    const content = body.slice(l.start, l.contentEnd);
    if (n > 0 && isDroppedLine(content)) continue;
    const esc = continuationAt(content, escape);
    result += esc >= 0 ? content.slice(0, esc) : content;
  }
  return result;
}
