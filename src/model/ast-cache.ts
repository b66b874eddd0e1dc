import type { Instruction } from 'dockerfile-ast';

/**
 * dockerfile-ast recomputes an instruction's raw arguments (a scan of its whole text with position lookups) every
 * time the parser, the JSON-form constructor, getFlags, getArgumentsRange or getHeredocs ask for them: most of the
 * parse time on long RUN bodies. A parsed document never changes, so remember them per instruction. Callers
 * mutate the returned array (ModifiableInstruction shifts the flags off it): hand out copies.
 */
type Raw = { getRawArguments(): unknown[] };

/** Install the cache on dockerfile-ast's Instruction class (once). */
export function cacheRawArguments(instruction: typeof Instruction): void {
  const proto = instruction.prototype as unknown as Raw;
  const original = proto.getRawArguments;
  if ((original as { cached?: true }).cached) return;
  const cache = new WeakMap<object, unknown[]>();
  const cached = function cachedRawArguments(this: object) {
    let args = cache.get(this);
    if (!args) {
      args = original.call(this);
      cache.set(this, args);
    }
    return args.slice();
  };
  (cached as { cached?: true }).cached = true;
  proto.getRawArguments = cached;
}
