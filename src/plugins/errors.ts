import type { UnaccountedChange } from '../verify.js';
import type { Edit } from '../edits.js';
import { isMove } from '../edits.js';
import type { Model } from '../model/types.js';

/**
 * A transform failed on a file: it threw, or its fixes changed an instruction they did not declare. The file is
 * left alone and the message names the transform. `builtin` tells a bug of this tool from one of a plugin.
 */
export class TransformError extends Error {
  override name = 'TransformError';
  constructor(
    message: string,
    readonly transform: string,
    readonly builtin: boolean,
  ) {
    super(message);
  }
}

/** The error for a transform whose `run` threw. */
export function transformThrew(id: string, err: unknown, builtin: boolean): TransformError {
  const why = err instanceof Error ? err.message : String(err);
  return new TransformError(`transform '${id}' failed: ${why}`, id, builtin);
}

export interface OwnedFix {
  id: string;
  edits: Edit[];
  builtin: boolean;
}

function spans(e: Edit): Array<[number, number]> {
  return isMove(e) ? [[e.start, e.end], [e.to, e.to]] : [[e.start, e.end]];
}

/**
 * The transform whose edits changed instruction `index` without declaring it: the first fix with an edit inside the
 * instruction's span, else one with an edit touching its ends. Null when no edit reaches it.
 */
export function ownerOf(m: Model, index: number, fixes: OwnedFix[]): OwnedFix | null {
  const ins = m.instructions[index];
  const inside = (s: number, e: number) => s < ins.end && e > ins.start;
  const touching = (s: number, e: number) => s <= ins.end && e >= ins.start;
  for (const test of [inside, touching]) {
    const hit = fixes.find((f) => f.edits.some((e) => spans(e).some(([s, end]) => test(s, end))));
    if (hit) return hit;
  }
  return null;
}

/** The verify error for an undeclared change, naming the transform that made it when it can be found. */
export function undeclaredChange(m: Model, err: UnaccountedChange, fixes: OwnedFix[], toInput: (line: number) => number): Error {
  const owner = ownerOf(m, err.index, fixes);
  if (!owner) return err;
  const line = toInput(m.instructions[err.index].line);
  return new TransformError(
    `transform '${owner.id}' changed the instruction on line ${line} but did not list it in touches; ` +
      `use the edit helpers or add its index`,
    owner.id,
    owner.builtin,
  );
}
