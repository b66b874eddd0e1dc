import type { Transform } from '../../src/transform-types.js';

/** Every Transform exported by a module in transforms/ or a transform folder's index.ts (registered or not). */
export function discoveredTransforms(): Transform[] {
  const modules = import.meta.glob(['../../transforms/*.ts', '../../transforms/*/index.ts'], {
    eager: true,
  }) as Record<string, Record<string, unknown>>;
  const found: Transform[] = [];
  for (const mod of Object.values(modules)) {
    for (const v of Object.values(mod)) {
      const t = v as Transform;
      if (t && typeof t === 'object' && typeof t.id === 'string' && typeof t.run === 'function' && !found.includes(t)) {
        found.push(t);
      }
    }
  }
  return found;
}

export function transformById(id: string): Transform {
  const t = discoveredTransforms().find((x) => x.id === id);
  if (!t) throw new Error(`no transform with id ${id} in transforms/`);
  return t;
}
