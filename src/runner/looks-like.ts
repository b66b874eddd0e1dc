/**
 * Whether a text reads as a Dockerfile: its first line that is not blank and not a comment (parser directives are
 * comments) starts with FROM or ARG, the only instructions that may come first. Used for files named on the command
 * line whose names are not Dockerfile names: a README.md or package.json is skipped, not reported as broken.
 */
export function looksLikeDockerfile(text: string): boolean {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (const line of body.split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    return /^(?:FROM|ARG)(?:\s|$)/i.test(t);
  }
  return false;
}
