const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A file name as messages show it: on one line, with no terminal control sequences. Control characters (C0, DEL,
 * C1), line and paragraph separators, lone surrogates and U+FFFD (what an undecodable byte became) are written as
 * escapes. Plain names are unchanged.
 */
export function escapeName(name: string): string {
  if (!/[\0-\x1f\x7f-\x9f\u2028\u2029\ufffd\ud800-\udfff]/.test(name)) return name;
  return name.replace(/[\0-\x1f\x7f-\x9f\u2028\u2029\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (ch) => {
    if (NAMED[ch]) return NAMED[ch];
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A path given as bytes (a name that is not UTF-8), shown with each undecodable byte as \xNN. */
export function escapeBytes(bytes: Uint8Array): string {
  const dec = new TextDecoder('utf-8', { fatal: true });
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    // Longest valid UTF-8 run from i.
    let j = i;
    while (j < bytes.length) {
      const len = seqLength(bytes, j);
      if (len === 0) break;
      j += len;
    }
    if (j > i) out += escapeName(dec.decode(bytes.subarray(i, j)));
    if (j < bytes.length) {
      out += `\\x${bytes[j].toString(16).padStart(2, '0')}`;
      j++;
    }
    i = j;
  }
  return out;
}

/** Length of the valid UTF-8 sequence at `i`, or 0. */
function seqLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > b.length) return 0;
  for (let k = 1; k < n; k++) if ((b[i + k] & 0xc0) !== 0x80) return 0;
  if (c === 0xe0 && b[i + 1] < 0xa0) return 0;
  if (c === 0xed && b[i + 1] > 0x9f) return 0;
  if (c === 0xf0 && b[i + 1] < 0x90) return 0;
  if (c === 0xf4 && b[i + 1] > 0x8f) return 0;
  return n;
}
