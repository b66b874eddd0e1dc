import { spawnSync } from 'node:child_process';
import { heredocRun } from '../../src/model/heredoc-script.js';
import { parseDockerfile } from '../../src/model/parse.js';
import { preorder } from '../../src/model/shell.js';
import { dockerShellLine } from '../../src/model/shell-text.js';
import type { Model } from '../../src/model/types.js';

let dashPath: string | null | undefined;

/** Path of dash, or null when it is not installed. */
export function dash(): string | null {
  if (dashPath === undefined) {
    const r = spawnSync('sh', ['-c', 'command -v dash'], { encoding: 'utf8' });
    dashPath = r.status === 0 ? r.stdout.trim() : null;
  }
  return dashPath;
}

/** Whether `dash -n` accepts the line (true when dash is missing: callers check dash() first). */
export function dashParses(line: string): boolean {
  const d = dash();
  if (!d) return true;
  return spawnSync(d, ['-n'], { input: line + '\n' }).status === 0;
}

const stripBom = (s: string) => (s.startsWith('\uFEFF') ? s.slice(1) : s);

function instructionTexts(m: Model): Array<{ name: string; text: string }> {
  return m.instructions.map((i) => ({ name: i.name, text: m.text.slice(i.start, i.end) }));
}

/** The shell text of each RUN as Docker hands it to the shell: the joined line, or a heredoc script (`RUN <<EOF`). */
function runBodies(m: Model): string[] {
  const out: string[] = [];
  for (const i of m.instructions) {
    if (i.name !== 'RUN' || i.json || !i.state.posix) continue;
    if (!i.heredoc) {
      out.push(dockerShellLine(m.text.slice(i.argsStart, i.argsEnd), m.escape));
      continue;
    }
    const h = heredocRun(m.text, i.argsStart, i.end);
    if (h.kind !== 'script') continue;
    const script = m.text.slice(h.start, h.end);
    out.push(h.chomp ? script.replace(/^\t+/gm, '') : script);
  }
  return out;
}

/** Shell comments inside RUN bodies (`apt-get install x # why`), as written. */
function shellComments(m: Model): string[] {
  const out: string[] = [];
  for (const ins of m.instructions) {
    const sh = ins.name === 'RUN' ? ins.shell : null;
    if (!sh || !sh.ok) continue;
    for (const n of preorder(sh.root)) if (n.type === 'comment') out.push(m.text.slice(n.start, n.end));
  }
  return out;
}

/** The first of `before` that `after` does not hold as often (each occurrence counts), or undefined. */
function firstMissing(before: string[], after: string[]): string | undefined {
  const left = new Map<string, number>();
  for (const x of after) left.set(x, (left.get(x) ?? 0) + 1);
  for (const x of before) {
    const n = left.get(x) ?? 0;
    if (n === 0) return x;
    left.set(x, n - 1);
  }
  return undefined;
}

function commentLines(text: string): string[] {
  return text.split('\n').map((l) => l.replace(/\r$/, '').trim()).filter((l) => l.startsWith('#')).sort();
}

/** Instructions transforms may change, move or add (an ADD only by becoming a COPY: it may not change as an ADD). */
const EDITABLE = new Set(['RUN', 'COPY', 'USER', 'ADD']);

/**
 * Properties every transformed file must have. Returns the violations (empty when all hold):
 * the result parses with the same stages; every changed RUN body passes `dash -n` (when the input's
 * bodies all did); every comment line is kept, and every shell comment inside a RUN body; instructions other
 * than RUN/COPY/USER/ADD are byte-identical and in the same order; added instructions are only RUN, COPY or USER, and
 * an ADD is kept as it is or becomes a COPY;
 * line endings and BOM are kept.
 */
export function propertyViolations(input: string, output: string): string[] {
  const problems: string[] = [];
  const before = parseDockerfile(stripBom(input));
  const after = parseDockerfile(stripBom(output));
  if (after.stages.length !== before.stages.length) problems.push('stage count changed');
  if (input.startsWith('\uFEFF') !== output.startsWith('\uFEFF')) problems.push('BOM changed');
  const crlf = (s: string) => (s.match(/\r\n/g) ?? []).length > 0 && !/[^\r]\n/.test(s.replace(/^\n/, 'x'));
  if (crlf(input) && !crlf(output)) problems.push('CRLF line endings not kept');

  const b = instructionTexts(before);
  const a = instructionTexts(after);
  const fixed = (xs: typeof b) => xs.filter((x) => !EDITABLE.has(x.name)).map((x) => x.text);
  if (fixed(b).join('\u0000') !== fixed(a).join('\u0000')) problems.push('an instruction other than RUN/COPY/USER/ADD changed or moved');
  const old = new Set(b.map((x) => x.text));
  for (const x of a) {
    if (!old.has(x.text) && (!EDITABLE.has(x.name) || x.name === 'ADD')) problems.push(`added or changed ${x.name}`);
  }

  const lostLine = firstMissing(commentLines(stripBom(input)), commentLines(stripBom(output)));
  if (lostLine !== undefined) problems.push(`comment lost: ${lostLine}`);
  const lostShell = firstMissing(shellComments(before), shellComments(after));
  if (lostShell !== undefined) problems.push(`shell comment lost or turned into code: ${lostShell}`);

  if (dash()) {
    const oldBodies = new Set(runBodies(before));
    const changed = runBodies(after).filter((x) => !oldBodies.has(x));
    if (changed.length && [...oldBodies].every(dashParses)) {
      for (const body of changed) if (!dashParses(body)) problems.push(`changed RUN does not pass dash -n: ${body.slice(0, 200)}`);
    }
  }
  return problems;
}
