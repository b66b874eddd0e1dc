import { chainRuns } from './chain-runs.js';
import type { Transform } from './types.js';

/** Every transform, in the order a pass runs them. */
export const TRANSFORMS: readonly Transform[] = [chainRuns];

export function findTransform(id: string): Transform | undefined {
  return TRANSFORMS.find((t) => t.id === id);
}
