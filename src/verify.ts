import { parseDockerfile } from './model/parse.js';
import type { ShellCache } from './model/shell.js';
import type { Model } from './model/types.js';

/** The result of a pass broke an invariant: a bug in a transform, never the user's fault. */
export class VerifyError extends Error {
  override name = 'VerifyError';
}

/** An instruction was changed or moved that no fix listed in its `touches`. */
export class UnaccountedChange extends VerifyError {
  constructor(
    message: string,
    /** Index of the instruction in the model the pass started from. */
    readonly index: number,
  ) {
    super(message);
  }
}

function instructionText(m: Model, i: number): string {
  const ins = m.instructions[i];
  return m.text.slice(ins.start, ins.end);
}

/**
 * Check one pass: the result parses, has the same stages and directives, keeps every comment, keeps every
 * instruction no fix touched byte-identical and in order, and every new or changed shell-form RUN parses
 * as shell. Returns the model of the result.
 */
export function verifyPass(before: Model, afterText: string, touched: Set<number>, cache?: ShellCache): Model {
  const after = parseDockerfile(afterText, cache);
  if (after.stages.length !== before.stages.length) {
    throw new VerifyError(`the result has ${after.stages.length} stages instead of ${before.stages.length}`);
  }
  const dir = (m: Model) => m.directives.map((d) => `${d.name}=${d.value}`).join('\n');
  if (dir(after) !== dir(before)) throw new VerifyError('the result changed the parser directives');

  const afterTexts = after.instructions.map((_, i) => instructionText(after, i));
  let j = 0;
  for (let i = 0; i < before.instructions.length; i++) {
    if (touched.has(i)) continue;
    const t = instructionText(before, i);
    while (j < afterTexts.length && afterTexts[j] !== t) j++;
    if (j === afterTexts.length) {
      throw new UnaccountedChange(`instruction on line ${before.instructions[i].line} was changed or reordered by no fix`, i);
    }
    j++;
  }

  const counts = new Map<string, number>();
  for (const c of after.comments) counts.set(c.content, (counts.get(c.content) ?? 0) + 1);
  for (const c of before.comments) {
    const n = counts.get(c.content) ?? 0;
    if (n === 0) throw new VerifyError(`the comment "# ${c.content}" was lost`);
    counts.set(c.content, n - 1);
  }

  const old = new Set(before.instructions.map((_, i) => instructionText(before, i)));
  after.instructions.forEach((ins, i) => {
    if (ins.name !== 'RUN' || old.has(afterTexts[i])) return;
    const sh = ins.shell;
    if (sh && !sh.ok) throw new VerifyError(`the changed RUN on line ${ins.line} no longer parses: ${sh.problem}`);
  });
  return after;
}
