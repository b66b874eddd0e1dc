// Prints the `files` pattern of .pre-commit-hooks.yaml: the names directory search takes for Dockerfiles
// (src/runner/dockerfile-names.ts) as one regular expression that Python's re (pre-commit) and JavaScript read alike.
// Run after `npm run build`; test/integrations.test.ts checks the hooks carry exactly this pattern.
import { NOT_A_DOCKERFILE, SOURCE } from '../dist/src/runner/dockerfile-names.js';

/** A word matched in any case, without inline flags (Python and JavaScript differ there). */
const anyCase = (w) => [...w].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');

export function preCommitPattern() {
  const name = `(?:${anyCase('dockerfile')}|${anyCase('containerfile')})`;
  const notDockerfile = `(?:${[...NOT_A_DOCKERFILE].map(anyCase).join('|')})`;
  const source = `(?:${[...SOURCE].join('|')})`;
  // `dockerfile.go` (all lower case, a source suffix) is source; `Dockerfile.go` is a Dockerfile.
  const named = `(?!(?:dockerfile|containerfile)[.-](?:[^/A-Z]*\\.)?${source}$)${name}(?:[.-](?!(?:[^/]*\\.)?${notDockerfile}$)[^/]*[^/.~])?`;
  return `(^|/)(?:[^/]+\\.${name}|${named})$`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(preCommitPattern());
