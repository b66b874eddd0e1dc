/**
 * Ignore pragmas in Dockerfile comments: hadolint's (parsed as hadolint's `src/Hadolint/Pragma.hs` parses them)
 * and docker-codemod's own, which names transform ids.
 *
 *   # hadolint ignore=DL3015,DL3009          the instruction right below
 *   # hadolint global ignore=DL3059          the whole file
 *   # hadolint stage ignore=DL3009           from the instruction right below to the next FROM
 *   # docker-codemod ignore=chain-runs       the instruction right below
 *   # docker-codemod global ignore=…         the whole file
 */

export type PragmaScope = 'instruction' | 'stage' | 'global';

export interface Pragma {
  tool: 'hadolint' | 'docker-codemod';
  scope: PragmaScope;
  ids: string[];
}

// hadolint: `spaces "hadolint" spaces1 ["global"|"stage" spaces1] "ignore" spaces "=" spaces rule (spaces "," spaces rule)*`,
// each rule made of the characters DLSC0-9, optionally followed by blanks and a `# comment`. Case-sensitive; a
// list with one malformed rule is no pragma at all (hadolint then ignores nothing).
const HADOLINT = /^[ \t]*hadolint[ \t]+(?:(global|stage)[ \t]+)?ignore[ \t]*=[ \t]*([DLSC0-9]+(?:[ \t]*,[ \t]*[DLSC0-9]+)*)[ \t]*(?:#.*)?$/;
// The same shape with transform ids (or hadolint rule ids); an id that is neither is reported, the others apply.
const OWN = /^[ \t]*docker-codemod[ \t]+(?:(global)[ \t]+)?ignore[ \t]*=[ \t]*([A-Za-z0-9_-]+(?:[ \t]*,[ \t]*[A-Za-z0-9_-]+)*)[ \t]*(?:#.*)?$/;

/** The pragma in a comment's text (what follows its `#`), or null. */
export function parsePragma(comment: string): Pragma | null {
  let m = HADOLINT.exec(comment);
  if (m) return { tool: 'hadolint', scope: (m[1] as PragmaScope | undefined) ?? 'instruction', ids: splitIds(m[2]) };
  m = OWN.exec(comment);
  if (m) return { tool: 'docker-codemod', scope: m[1] ? 'global' : 'instruction', ids: splitIds(m[2]) };
  return null;
}

function splitIds(list: string): string[] {
  return list.split(',').map((s) => s.trim());
}
