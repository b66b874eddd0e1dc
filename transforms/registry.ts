import { chainRuns } from './chain-runs.js';
import { nonRootUser } from './non-root-user.js';
import type { Transform } from './types.js';

/** Every transform, in the order a pass runs them. */
export const TRANSFORMS: readonly Transform[] = [chainRuns, nonRootUser];

export function findTransform(id: string): Transform | undefined {
  return TRANSFORMS.find((t) => t.id === id);
}
