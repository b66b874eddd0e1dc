/**
 * The inline-comment idiom of long RUN lines: a backquote command substitution that holds only a comment,
 * standing alone between blanks, as in
 *
 *     RUN apt-get install -y \
 *         curl `# for downloads` \
 *         git
 *
 * POSIX sh finds the closing backquote first and then parses what is inside as a script: a comment, so the
 * substitution runs nothing and expands to nothing, and an unquoted word that expands to nothing is removed
 * (field splitting leaves no field), exit status 0. Blanking it (same length, spaces) therefore keeps the
 * meaning of the line; tree-sitter-bash instead lets the comment run to the end of the line and reports an error.
 *
 * Only what is proven the same is blanked: outside quotes, between blanks (or the line's ends), `#` first
 * after optional blanks, no backquote or backslash inside. A substitution joined to a word (`curl`# x``, still
 * the word `curl`; `cu`# x`rl`, the word `curl`) or inside double quotes (an empty argument) is left as it is.
 */

/** Blank comment-only backquote substitutions of a single-line shell text; `spans` are their [start, end). */
export function blankBackquoteComments(text: string): { text: string; spans: Array<[number, number]> } {
  const spans: Array<[number, number]> = [];
  const blank = (c: string | undefined) => c === undefined || c === ' ' || c === '\t';
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') {
      const close = closingBackquote(text, i + 1);
      if (close < 0) break;
      const inner = text.slice(i + 1, close);
      if (quote === null && blank(text[i - 1]) && blank(text[close + 1]) && /^[ \t]*#[^`\\]*$/.test(inner)) {
        spans.push([i, close + 1]);
      }
      i = close;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    // A comment to the end of the line: nothing after it is code.
    else if (c === '#' && (i === 0 || /[ \t;&|()<>]/.test(text[i - 1]))) break;
  }
  if (spans.length === 0) return { text, spans };
  let out = '';
  let copied = 0;
  for (const [s, e] of spans) {
    out += text.slice(copied, s) + ' '.repeat(e - s);
    copied = e;
  }
  return { text: out + text.slice(copied), spans };
}

/** Offset of the backquote that closes a substitution whose text starts at `from`, or -1. */
function closingBackquote(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '`') return j;
  }
  return -1;
}

/**
 * `pos`, or the end of the comment substitutions (file spans) that follow it on the same line with only blanks
 * before them, `text` holding the file from offset `base`: an edit appending after a word (a package, the last
 * command) goes after the comment written for that word, not between them.
 */
export function afterBackquoteComments(text: string, base: number, spans: Array<[number, number]>, pos: number): number {
  let at = pos;
  for (const [s, e] of spans) {
    if (s >= at && /^[ \t]*$/.test(text.slice(at - base, s - base))) at = e;
  }
  return at;
}
