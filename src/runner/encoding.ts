/** Message for text in an encoding or line-ending convention this tool does not read. */
export const UTF16_MESSAGE = 'UTF-16 is not supported; convert the file to UTF-8';
export const CR_ONLY_MESSAGE =
  'CR-only line endings are not supported (Docker reads such a file as one line); convert the line endings to LF or CRLF';

/**
 * Whether bytes look like UTF-16: a UTF-16 byte-order mark, or NULs in every other byte of the start (ASCII text in
 * UTF-16 without a mark).
 */
export function looksUtf16(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const half = n / 2;
  // Little-endian ASCII has NULs in odd bytes, big-endian in even ones; the other half has almost none.
  return (odd >= half * 0.9 && even <= half * 0.1) || (even >= half * 0.9 && odd <= half * 0.1);
}

/** Whether text uses lone CRs as its line ends: CRs, and not one LF. */
export function isCrOnly(text: string): boolean {
  return !text.includes('\n') && text.includes('\r');
}
