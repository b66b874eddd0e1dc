import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TransformOptions } from '../../src/transform-types.js';

export const FIXTURES = join(import.meta.dirname, '..', '..', '__fixtures__');

export interface FixtureCase {
  /** `<transform>/<case>` */
  name: string;
  dir: string;
  input: string;
  output: string;
  /** Transform ids to run: case.json's `transforms`, else the folder's transform alone. */
  transforms: string[];
  options: TransformOptions;
  /** Folder of context files (`context/`), if the case has one. */
  contextDir: string | null;
  /**
   * The context files the run creates or rewrites (`expected-context/`, path → text); empty when the case has none:
   * then the run must make no context file.
   */
  expectedFiles: Record<string, string>;
  /** `input.Dockerfile.dockerignore` is in the case folder: the Dockerfile's own ignore file exists. */
  dockerfileIgnore?: string;
}

/** Every file under `dir`, by `/`-separated relative path. */
function filesUnder(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) Object.assign(out, filesUnder(join(dir, e.name), `${prefix}${e.name}/`));
    else out[prefix + e.name] = readFileSync(join(dir, e.name), 'utf8');
  }
  return out;
}

/** Every `__fixtures__/<transform>/<case>/` with an input.Dockerfile and an output.Dockerfile. */
export function loadFixtures(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const transform of readdirSync(FIXTURES).sort()) {
    const tdir = join(FIXTURES, transform);
    for (const c of readdirSync(tdir).sort()) {
      const dir = join(tdir, c);
      const input = join(dir, 'input.Dockerfile');
      if (!existsSync(input)) continue;
      const conf = existsSync(join(dir, 'case.json')) ? JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) : {};
      cases.push({
        name: `${transform}/${c}`,
        dir,
        input: readFileSync(input, 'utf8'),
        output: readFileSync(join(dir, 'output.Dockerfile'), 'utf8'),
        transforms: conf.transforms ?? [transform],
        // Fixtures show what a transform does: unsafe fixes are applied unless case.json says otherwise.
        options: { unsafeFixes: true, ...conf.options },
        contextDir: existsSync(join(dir, 'context')) ? join(dir, 'context') : null,
        expectedFiles: filesUnder(join(dir, 'expected-context')),
        ...(existsSync(join(dir, 'input.Dockerfile.dockerignore')) ? { dockerfileIgnore: 'input.Dockerfile.dockerignore' } : {}),
      });
    }
  }
  return cases;
}
