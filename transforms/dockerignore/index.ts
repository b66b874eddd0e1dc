/**
 * dockerignore: when a stage copies the whole build context (`COPY . …`), keep what the image has no use for out of
 * it: create `.dockerignore`, or add the missing lines to the one there is. Only what the context holds is added,
 * and nothing the Dockerfile names. Version control and caches are safe; the rest (installed dependencies, build
 * output, logs, `.env` files) may hide a file a RUN reads, which cannot be proved, and is unsafe.
 */
import type { Instruction, Model } from '../../src/model/types.js';
import { hasVariable } from '../../src/model/vars.js';
import { contextPath } from '../shared/copy-paths.js';
import { parseDockerIgnore } from '../shared/dockerignore-file.js';
import { findCandidates, type Candidate } from './candidates.js';
import type { Fix, SideFile, Skip, Tier, Transform, TransformContext } from '../../src/transform-types.js';

const FILE = '.dockerignore';

/** A COPY or ADD from the build context one of whose sources is the whole context (`.`, `./`, `/`). */
function copiesWholeContext(ins: Instruction): boolean {
  if ((ins.name !== 'COPY' && ins.name !== 'ADD') || ins.heredoc || ins.args.length < 2) return false;
  if (ins.flags.some((f) => f.name.toLowerCase() === 'from')) return false;
  return ins.args.slice(0, -1).some((a) => !hasVariable(a.value) && contextPath(a.value.replace(/^(["'])(.*)\1$/, '$2')) === '');
}

/** Literal part of a pattern before its first wildcard. */
const literalPrefix = (p: string) => p.slice(0, p.search(/[*?[\\]|$/));

/** Lines `!pattern` of an ignore file that may re-include `path` or something under it. */
function reincludes(text: string, path: string): string | null {
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t.startsWith('!')) continue;
    const prefix = literalPrefix(t.slice(1).trim().replace(/^\/+/, ''));
    if (prefix === '' || `${path}/`.startsWith(prefix) || prefix.startsWith(`${path}/`) || prefix === path) return t;
  }
  return null;
}

/** The new text of the ignore file with `entries` added at its end, in its line endings. */
function withEntries(before: string | null, entries: string[]): string {
  if (before === null || before === '') return entries.map((e) => `${e}\n`).join('');
  const eol = before.includes('\r\n') ? '\r\n' : '\n';
  const sep = before.endsWith('\n') ? '' : eol;
  return before + sep + entries.map((e) => e + eol).join('');
}

function run(model: Model, ctx: TransformContext): { fixes: Fix[]; skips: Skip[] } {
  const copy = model.instructions.find(copiesWholeContext);
  if (!copy) return { fixes: [], skips: [] };
  const skip = (reason: string) => ({ fixes: [], skips: [{ line: copy.line, reason }] });
  if (ctx.dockerfileIgnore) return skip(`${ctx.dockerfileIgnore} is this Dockerfile's ignore file (BuildKit reads it instead of ${FILE}); not edited`);
  const { context } = ctx;
  if (!context.list) return { fixes: [], skips: [] };
  const before = context.readText(FILE);
  if (before === null && (context.list('') ?? []).some((n) => n === FILE || n === `${FILE}/`)) {
    return skip(`${FILE} is not a regular file inside the build context (a directory, or a link out of it); not edited`);
  }
  const ignore = parseDockerIgnore(before ?? '');
  if (ignore.problem) return skip(`${ignore.problem}; not edited`);

  const skips: Skip[] = [];
  const chosen: Record<Tier, Candidate[]> = { safe: [], unsafe: [] };
  for (const c of findCandidates(model, context)) {
    const paths = c.paths.filter((p) => !ignore.ignored(p));
    if (paths.length === 0) continue;
    const back = before === null ? null : reincludes(before, paths[0]);
    const why = c.needed ?? (back ? `${FILE} re-includes it (${back})` : null);
    if (why) skips.push({ line: copy.line, reason: `${c.entry} not added to ${FILE}: ${why}` });
    else chosen[c.tier].push(c);
  }
  const fixes: Fix[] = [];
  for (const tier of ['safe', 'unsafe'] as const) {
    const entries = chosen[tier].map((c) => c.entry);
    if (entries.length === 0) continue;
    const file: SideFile = { path: FILE, before, after: withEntries(before, entries) };
    const what = `${before === null ? 'create .dockerignore with' : 'add to .dockerignore'} ${entries.join(', ')}`;
    fixes.push({
      message: `${what}: the ${copy.keyword} on line ${copy.line} sends the whole build context`,
      tier,
      line: copy.line,
      edits: [],
      files: [file],
      touches: [],
    });
  }
  return { fixes, skips };
}

export const dockerignore: Transform = {
  id: 'dockerignore',
  description: 'Create or complete .dockerignore when a COPY sends the whole build context',
  hadolint: [],
  defaultOn: true,
  tier: 'safe',
  unsafeReason: 'a line may hide a file a RUN or the image reads, which cannot be proved (installed dependencies, build output, logs, .env files)',
  run,
};
