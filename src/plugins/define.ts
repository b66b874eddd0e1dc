import type { Model } from '../model/types.js';
import type { Tier, Transform, TransformContext, TransformResult } from '../../transforms/types.js';

/** What a transform module writes: `hadolint` and `defaultOn` may be left out. */
export interface TransformSpec {
  /** Stable kebab-case id (`bump-node`), used in `-t`, `--skip` and reports. */
  id: string;
  description: string;
  tier: Tier;
  /** Why its fixes may change behaviour (unsafe transforms). */
  unsafeReason?: string;
  /** hadolint rule ids this transform answers (default none). */
  hadolint?: string[];
  /** On unless named with `-t` (default true). */
  defaultOn?: boolean;
  run(model: Model, ctx: TransformContext): TransformResult;
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Check a transform spec and fill its defaults. Throws an Error saying what is wrong. */
export function defineTransform(spec: TransformSpec): Transform {
  if (spec === null || typeof spec !== 'object') throw new Error('a transform must be an object');
  const { id, description, tier, run } = spec;
  if (typeof id !== 'string' || !ID.test(id)) throw new Error(`transform id ${JSON.stringify(id)} is not kebab-case (like 'bump-node')`);
  if (typeof description !== 'string' || description.trim() === '') throw new Error(`transform '${id}' needs a description`);
  if (tier !== 'safe' && tier !== 'unsafe') throw new Error(`transform '${id}' has tier ${JSON.stringify(tier)}; use 'safe' or 'unsafe'`);
  if (typeof run !== 'function') throw new Error(`transform '${id}' needs a run(model, ctx) function`);
  const hadolint = spec.hadolint ?? [];
  if (!Array.isArray(hadolint) || hadolint.some((h) => typeof h !== 'string')) throw new Error(`transform '${id}': hadolint must be a list of rule ids`);
  if (spec.defaultOn !== undefined && typeof spec.defaultOn !== 'boolean') throw new Error(`transform '${id}': defaultOn must be true or false`);
  const t: Transform = { id, description, hadolint: [...hadolint], defaultOn: spec.defaultOn ?? true, tier, run: run.bind(spec) };
  if (spec.unsafeReason !== undefined) t.unsafeReason = spec.unsafeReason;
  return t;
}
