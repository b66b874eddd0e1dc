import type { Model } from '../model/types.js';
import type { Tier, Transform, TransformContext, TransformResult } from '../transform-types.js';

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
  const t: Transform = {
    id,
    description,
    hadolint: [...hadolint],
    defaultOn: spec.defaultOn ?? true,
    tier,
    run: (model, ctx) => checkedResult(run.call(spec, model, ctx)),
  };
  if (spec.unsafeReason !== undefined) t.unsafeReason = spec.unsafeReason;
  return t;
}

const isInt = (n: unknown) => typeof n === 'number' && Number.isInteger(n);

/** The result of `run`, or an Error saying what is malformed in it (the engine reports it under the transform). */
function checkedResult(r: TransformResult): TransformResult {
  if (r === null || typeof r !== 'object' || !Array.isArray(r.fixes) || !Array.isArray(r.skips)) {
    throw new Error('run must return { fixes: [...], skips: [...] }');
  }
  for (const f of r.fixes) {
    if (f === null || typeof f !== 'object' || typeof f.message !== 'string' || !isInt(f.line)) {
      throw new Error('a fix needs a message and a line');
    }
    if (!Array.isArray(f.edits) || !Array.isArray(f.touches) || !f.touches.every(isInt)) {
      throw new Error(`fix '${f.message}' needs edits and touches (instruction indices); the edits(model) helpers make both`);
    }
    for (const e of f.edits) {
      if (e === null || typeof e !== 'object' || !isInt(e.start) || !isInt(e.end) || e.end < e.start) {
        throw new Error(`fix '${f.message}' has an edit without a valid start and end`);
      }
    }
  }
  for (const s of r.skips) {
    if (s === null || typeof s !== 'object' || typeof s.reason !== 'string' || !isInt(s.line)) throw new Error('a skip needs a reason and a line');
  }
  return r;
}
