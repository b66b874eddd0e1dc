import { InputError, transformText } from '../../src/engine.js';
import { parseDockerfile } from '../../src/model/parse.js';
import { memoryContext } from '../../src/runner/context.js';
import type { Transform } from '../../src/transform-types.js';
import type { DockerfileCase } from './dockerfile-arbitrary.js';
import { propertyViolations } from './properties.js';

/*
 * The check the fuzz tests run on every generated file: the engine does not throw, a second run changes nothing,
 * propertyViolations() finds nothing, line endings and the final newline are kept, and inserted text uses the
 * file's escape character and keyword case.
 */

function show(c: DockerfileCase, order: Transform[]): string {
  const ctx = Object.keys(c.context).length ? `\ncontext files: ${JSON.stringify(c.context)}` : '';
  const opts = Object.keys(c.options).length ? `\noptions: ${JSON.stringify(c.options)}` : '';
  return `input (JSON): ${JSON.stringify(c.text)}\n----- input -----\n${c.text}\n-----------------${ctx}${opts}\ntransform order: ${order.map((t) => t.id).join(', ')}`;
}

/** Inserted text follows the file: its escape character and its keyword case. */
function styleProblems(input: string, output: string): string[] {
  const problems: string[] = [];
  const parse = (t: string) => parseDockerfile(t.replace(/^\uFEFF/, ''));
  const before = parse(input);
  const after = parse(output);
  const other = before.escape === '\\' ? '`' : '\\';
  const continued = (t: string) =>
    t.split('\n').filter((l) => !/^\s*#/.test(l) && l.replace(/\r$/, '').trimEnd().endsWith(other)).length;
  if (continued(output) > continued(input)) problems.push(`a line continued with ${other}, not the file's escape character, was added`);
  const keywords = (m: ReturnType<typeof parse>) => m.instructions.map((i) => i.keyword);
  for (const [name, to] of [['lowercase', (k: string) => k.toLowerCase()], ['uppercase', (k: string) => k.toUpperCase()]] as const) {
    if (keywords(before).every((k) => k === to(k)) && !keywords(after).every((k) => k === to(k))) {
      problems.push(`an instruction keyword not in ${name} was added to a file written in ${name}`);
    }
  }
  return problems;
}

/** Throws, with the input printed, when a property does not hold for this case. */
export function check(c: DockerfileCase, transforms: Transform[]): void {
  const run = (text: string) => transformText(text, { transforms, context: memoryContext(c.context), options: c.options });
  let first;
  try {
    first = run(c.text);
  } catch (e) {
    const kind = e instanceof InputError ? 'InputError on a file with FROM' : (e as Error).name;
    throw new Error(`${kind}: ${(e as Error).message}\n${show(c, transforms)}`);
  }
  const out = first.output;
  const problems = propertyViolations(c.text, out);
  if (!c.text.includes('\r') && out.includes('\r')) problems.push('CR added to an LF file');
  if (/\n$/.test(c.text) !== /\n$/.test(out)) problems.push('final newline added or removed');
  problems.push(...styleProblems(c.text, out));
  let second: string | null = null;
  try {
    second = run(out).output;
  } catch (e) {
    problems.push(`second run threw ${(e as Error).name}: ${(e as Error).message}`);
  }
  if (second !== null && second !== out) problems.push(`not idempotent: second run gives ${JSON.stringify(second)}`);
  if (problems.length) {
    const applied = first.fixes.map((f) => `  ${f.transform} (pass ${f.pass}): ${f.message}`).join('\n');
    throw new Error(
      `${problems.join('\n')}\n${show(c, transforms)}\n----- output (JSON): ${JSON.stringify(out)}\n----- output -----\n${out}\n------------------\nfixes:\n${applied}`,
    );
  }
}
