/**
 * The user-tool family of an unknown base image, inferred from the package manager the final image's own RUNs
 * use, and whether the base image's entrypoint is provably replaced (so it cannot need root).
 */
import type { Instruction, Model } from '../../src/model/types.js';
import { resolvePath } from '../../src/model/vars.js';
import type { Family } from '../shared/base-images.js';
import { base, contextSources, runCommands, scriptOf, SHELLS, startupCommands } from './root-needs.js';

const TOOL_FAMILY: Record<string, Family> = {
  'apt-get': 'debian', apt: 'debian', aptitude: 'debian', dpkg: 'debian',
  apk: 'alpine',
  dnf: 'redhat', yum: 'redhat', microdnf: 'redhat',
};

/** Programs an ENTRYPOINT may run from the base image without reading them: interpreters and runtimes. */
const RUNTIMES = /^(python[0-9.]*|node|nodejs|java|ruby|php[0-9.]*|perl|dotnet|deno|bun|gunicorn|uvicorn|npm|yarn|pnpm|npx|sh|bash|ash|dash)$/;

export type Inferred = { family: Family; label: string } | { reason: string };

export function inferFamily(m: Model, chainIns: Instruction[], image: string): Inferred {
  const found: Array<{ family: Family; tool: string; line: number }> = [];
  let shadowUtils = false;
  for (const ins of chainIns) {
    if (ins.name !== 'RUN') continue;
    for (const w of runCommands(m, ins)) {
      const tool = base(w[0] ?? '');
      const family = TOOL_FAMILY[tool];
      if (family) found.push({ family, tool, line: ins.line });
      if (family && w.includes('shadow-utils')) shadowUtils = true;
    }
  }
  const unknown = `unknown base image ${image}`;
  if (!found.length) return { reason: `${unknown}: no apt-get, apk, dnf or yum in its RUNs tells how to create a user` };
  const families = new Set(found.map((f) => f.family));
  if (families.size > 1) {
    return { reason: `${unknown}: its RUNs use package managers of different families (${[...new Set(found.map((f) => f.tool))].join(', ')})` };
  }
  const first = found[0];
  if (found.every((f) => f.tool === 'microdnf') && !shadowUtils) {
    return { reason: `${unknown}: microdnf on line ${first.line} marks a minimal image, which has no useradd/groupadd` };
  }
  return { family: first.family, label: `family inferred from ${first.tool} on line ${first.line}` };
}

/**
 * Why the unknown base image's own entrypoint might still run (and need root), or null when this file's
 * ENTRYPOINT replaces it with something it can read: a program it copies, or an interpreter.
 */
export function baseEntrypointRisk(m: Model, chainIns: Instruction[], image: string): string | null {
  const entry = [...chainIns].reverse().find((i) => i.name === 'ENTRYPOINT');
  if (!entry) {
    return `unknown base image ${image}: its own ENTRYPOINT may need root, and this file sets no ENTRYPOINT of its own (a CMD does not replace the base's ENTRYPOINT)`;
  }
  const where = (p: string) => (p.includes('/') ? resolvePath(entry.state.workdir, p) : p);
  const cmds = startupCommands(m, entry);
  if (!cmds.length) return `unknown base image ${image}: the ENTRYPOINT on line ${entry.line} is empty or cannot be read`;
  for (const w of cmds) {
    const program = w[0];
    if (RUNTIMES.test(base(program))) {
      const script = SHELLS.has(base(program)) ? scriptOf(w) : null;
      if (script && !contextSources(m, chainIns, where(script)).copied) {
        return `unknown base image ${image}: the ENTRYPOINT on line ${entry.line} runs ${script}, which this file does not copy in, so it cannot be read`;
      }
      continue;
    }
    if (!contextSources(m, chainIns, where(program)).copied) {
      return `unknown base image ${image}: the ENTRYPOINT on line ${entry.line} runs ${program}, which this file does not copy in, so it cannot be read`;
    }
  }
  return null;
}
