/**
 * File names directory search takes for Dockerfiles: `Dockerfile` or `Containerfile` in any case, alone or with a
 * `.` or `-` suffix (`Dockerfile.prod`, `Dockerfile-alpine`, `dockerfile`), and `*.dockerfile`, `*.containerfile`
 * (`api.Dockerfile`). Not the files that sit next to Dockerfiles without being one: templates that render one
 * (`Dockerfile.j2`, `Dockerfile.in`), backups and editor files (`Dockerfile.bak`, `Dockerfile~`), BuildKit's
 * per-Dockerfile ignore file (`Dockerfile.dockerignore`), and source, script, data or document files named after
 * Dockerfiles (`dockerfile.go`, `Dockerfile.md`).
 */
const NAMED = /^(?:dockerfile|containerfile)(?:[.-](.+))?$/i;
const SUFFIXED = /^.+\.(?:dockerfile|containerfile)$/i;

/** Last suffixes that mark a file as something other than a Dockerfile. */
export const NOT_A_DOCKERFILE = new Set([
  // templates
  'j2', 'jinja', 'jinja2', 'template', 'tmpl', 'tpl', 'in', 'erb', 'm4', 'mustache', 'hbs', 'gotmpl', 'ejs',
  // backups, merges, editors
  'bak', 'backup', 'orig', 'old', 'rej', 'swp', 'swo', 'tmp', 'save', 'disabled',
  // files about a Dockerfile
  'dockerignore', 'lock', 'sha256', 'sha512', 'md5', 'sig', 'asc', 'log', 'diff', 'patch',
  // documents and data
  'md', 'rst', 'txt', 'adoc', 'html', 'json', 'yml', 'yaml', 'toml', 'xml', 'ini', 'cfg', 'conf',
]);

/**
 * Source and script suffixes: `dockerfile.go` is a Go file of a Dockerfile parser, while `Dockerfile.go` and
 * `Dockerfile.py` are Dockerfiles of a Go or Python service. All lower case, the name is taken for source.
 */
export const SOURCE = new Set([
  'sh', 'bash', 'ps1', 'bat', 'cmd', 'mk', 'py', 'go', 'js', 'mjs', 'cjs', 'ts', 'rs', 'rb', 'java', 'kt', 'c',
  'h', 'cc', 'cpp', 'cs', 'php', 'pl', 'lua', 'ex', 'exs', 'scala', 'swift',
]);

/** Whether a file name is one directory search treats as a Dockerfile. */
export function dockerfileName(name: string): boolean {
  if (name.endsWith('~')) return false;
  if (SUFFIXED.test(name)) return true;
  const m = NAMED.exec(name);
  if (!m) return false;
  if (m[1] === undefined) return true;
  const last = m[1].slice(m[1].lastIndexOf('.') + 1);
  const lower = last.toLowerCase();
  if (lower === '' || NOT_A_DOCKERFILE.has(lower)) return false;
  return !(SOURCE.has(lower) && name === name.toLowerCase());
}
