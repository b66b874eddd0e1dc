import { describe, expect, it } from 'vitest';
import { TRANSFORMS } from '../transforms/registry.js';
import { discoveredTransforms } from './helpers/transforms.js';

describe('registry', () => {
  it('lists every transform module exactly once', () => {
    const registered = TRANSFORMS.map((t) => t.id).sort();
    expect(registered).toEqual(discoveredTransforms().map((t) => t.id).sort());
    expect(new Set(registered).size).toBe(registered.length);
  });
  it('has kebab-case ids, descriptions and hadolint ids', () => {
    for (const t of TRANSFORMS) {
      expect(t.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(t.description.length).toBeGreaterThan(10);
      for (const h of t.hadolint) expect(h).toMatch(/^DL\d{4}$/);
    }
  });
});
