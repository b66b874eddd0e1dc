import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

/** Every .ts file under a folder of the repository, as repository-relative posix paths. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The repository-relative paths a file's relative imports and re-exports name (`x.js` read as `x.ts`). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom|\bimport|\bimport\s*\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const abs = resolve(ROOT, dirname(file), m[1]!.replace(/\.js$/, '.ts'));
    out.push(relative(ROOT, abs).split(sep).join('/'));
  }
  return out;
}

describe('layout', () => {
  it('finds imports in the sources (the checks below read something)', () => {
    expect(importsOf('src/builtins.ts')).toContain('transforms/registry.ts');
    expect(sources('transforms').length).toBeGreaterThan(20);
  });

  it('src/ imports from transforms/ only through src/builtins.ts', () => {
    const crossing = sources('src').flatMap((f) =>
      f === 'src/builtins.ts' ? [] : importsOf(f).filter((p) => p.startsWith('transforms/')).map((p) => `${f} -> ${p}`),
    );
    expect(crossing).toEqual([]);
  });

  it("a transform's folder is its own, and shared/ imports no transform", () => {
    const crossing: string[] = [];
    for (const f of sources('transforms')) {
      const from = f.split('/');
      const owner = from.length === 3 ? from[1] : null;
      for (const p of importsOf(f)) {
        const to = p.split('/');
        if (to[0] !== 'transforms') continue;
        const intoFolder = to.length === 3 && to[1] !== 'shared';
        const ownIndex = f === 'transforms/registry.ts' && to[2] === 'index.ts';
        if (intoFolder && to[1] !== owner && !ownIndex) crossing.push(`${f} -> ${p}`);
        else if (owner === 'shared' && to[1] !== 'shared') crossing.push(`${f} -> ${p}`);
      }
    }
    expect(crossing).toEqual([]);
  });

  it('transforms/ holds transform modules, transform folders with an index.ts, registry.ts and shared/', () => {
    const odd: string[] = [];
    for (const e of readdirSync(join(ROOT, 'transforms'), { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name === 'shared') continue;
        if (!readdirSync(join(ROOT, 'transforms', e.name)).includes('index.ts')) odd.push(`${e.name}/ has no index.ts`);
      } else if (!/^[a-z]+(-[a-z]+)*\.ts$/.test(e.name)) {
        odd.push(e.name);
      }
    }
    expect(odd).toEqual([]);
  });
});
