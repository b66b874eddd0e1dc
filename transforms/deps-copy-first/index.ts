/**
 * deps-copy-first: install dependencies from their manifests before copying the sources, so a source edit
 * does not re-run the install.
 *
 * For a dependency install (pip -r, pipenv, poetry, npm/yarn/pnpm, go mod download, bundle, composer, mvn
 * dependency:go-offline) that runs after a COPY of the sources into its directory, the source COPY moves
 * below the install; where that COPY provided the manifests, a COPY of just those manifests (same flags, same
 * destination) takes its place. Instructions between the two stay where they are, so the install keeps its
 * WORKDIR, ENV, ARG, USER and order. When the install RUN also builds (`npm ci && npm run build`), it is split
 * after the install. Anything the move could change is skipped with the reason.
 */
import { expandVars, resolvePath } from '../../src/model/vars.js';
import type { Instruction, Model } from '../../src/model/types.js';
import {
  copyAreas, copyCovers, copyFileTargets, dirnameOf, globMatch, isUnder, joinContext, overlaps, relativeTo, stageCopies,
  type CopyOp, type FileOracle,
} from '../shared/copy-paths.js';
import type { Analysis, FileView, InstallEnv } from './manifests.js';
import { loadDockerIgnore, type DockerIgnore } from '../shared/dockerignore-file.js';
import { planEdits } from './edits.js';
import {
  commandVars, dependencyRunBefore, earlierCommands, findInstalls, lastInstallBefore, splitLayout, type Found,
} from './install-run.js';
import {
  blockingInstruction, copyProblem, footprint, installProblem, sameOwnership, SYSTEM_DIRS,
} from './move-checks.js';
import type { BuildContext, Fix, Skip, Transform } from '../../src/transform-types.js';

type Outcome = { kind: 'none' } | { kind: 'skip'; reason: string } | { kind: 'fix'; fix: Fix };

const NONE: Outcome = { kind: 'none' };

/** The context as the builder receives it (.dockerignore applied). */
function oracle(context: BuildContext, ignore: DockerIgnore): FileOracle {
  return {
    hasFile: (p) => p !== '' && context.exists(p) && !ignore.ignored(p),
    excluded: (p) => p !== '' && context.exists(p) && ignore.ignored(p),
  };
}

/** Bind mounts of a RUN from the build context: container target → context source. */
function contextMounts(ins: Instruction): Array<{ target: string; source: string | null }> {
  const out: Array<{ target: string; source: string | null }> = [];
  for (const f of ins.flags) {
    if (f.name.toLowerCase() !== 'mount' || !f.value) continue;
    const kv = new Map(f.value.split(',').map((p) => {
      const i = p.indexOf('=');
      return (i < 0 ? [p, 'true'] : [p.slice(0, i), p.slice(i + 1)]) as [string, string];
    }));
    if ((kv.get('type') ?? 'bind') !== 'bind') continue;
    const target = kv.get('target') ?? kv.get('dst') ?? kv.get('destination');
    if (!target) continue;
    const source = kv.has('from') ? null : (kv.get('source') ?? kv.get('src') ?? '').replace(/^\.?\/+/, '');
    out.push({ target: resolvePath(ins.state.workdir, expandVars(target, ins.state.vars)), source });
  }
  return out;
}

interface Provider {
  op: CopyOp | null;
  path: string | null;
  unknown: boolean;
}

class ImageView implements FileView {
  readonly unknown: string[] = [];
  constructor(
    private readonly ops: CopyOp[],
    private readonly files: FileOracle,
    private readonly context: BuildContext,
    private readonly mounts: Array<{ target: string; source: string | null }>,
  ) {}

  provider(abs: string): Provider | null {
    for (const m of this.mounts) {
      if (!isUnder(abs, m.target)) continue;
      if (m.source === null) return { op: null, path: null, unknown: true };
      const path = joinContext(m.source, relativeTo(abs, m.target));
      return this.files.hasFile(path) ? { op: null, path, unknown: false } : null;
    }
    for (let i = this.ops.length - 1; i >= 0; i--) {
      const cov = copyCovers(this.ops[i], abs, this.files);
      if (!cov) continue;
      if (cov.kind === 'unknown') return { op: cov.op, path: null, unknown: true };
      return { op: cov.op, path: cov.path, unknown: false };
    }
    return null;
  }

  exists(abs: string): boolean {
    const p = this.provider(abs);
    if (p?.unknown) this.unknown.push(abs);
    return p !== null;
  }

  read(abs: string): string | null {
    const p = this.provider(abs);
    if (!p) return null;
    if (p.unknown || p.path === null) {
      this.unknown.push(abs);
      return null;
    }
    return this.context.readText(p.path);
  }
}

/** Plan the fix for one RUN. */
function plan(m: Model, r: Instruction, context: BuildContext, ignore: DockerIgnore, files: FileOracle): Outcome {
  const body = r.shell;
  if (!body || !body.ok) return NONE;
  const { found: all, problem: findProblem } = findInstalls(r, body);
  const found = all.filter((f) => !(f.install.depsOnly === false && dependencyRunBefore(r, f)));
  if (found.length === 0) return NONE;

  const ops = stageCopies(r, files);
  const stageOps = ops.filter((o) => o.ins.stage === r.stage);
  const view = new ImageView(ops, files, context, contextMounts(r));
  // Problems in the order they are worth telling: the command, the COPYs, the files, the manifests' content.
  const problems: string[][] = [[], [], [], []];
  if (findProblem) problems[0].push(findProblem);
  if (ignore.problem) problems[0].push(ignore.problem);
  const analyses: Array<{ f: Found; a: Analysis }> = [];
  const earlier = earlierCommands(r);
  for (const f of found) {
    if (f.install.problem) problems[0].push(f.install.problem);
    const env: InstallEnv = {
      cwd: f.cwd,
      vars: commandVars(r, f.install.cmd),
      earlier: [...earlier, ...body.commands.filter((c) => c.node.end <= f.install.cmd.node.start)],
    };
    const a = f.install.analyse(view, env);
    if (a.problem) problems[3].push(a.problem);
    analyses.push({ f, a });
  }
  const reads = [...new Set(analyses.flatMap(({ a }) => a.reads))];
  const required = new Set(analyses.flatMap(({ a }) => a.required));
  const cwds = [...new Set(found.map((f) => f.cwd))];

  // Who provides each manifest.
  const providers = new Map<string, Provider>();
  for (const abs of reads) {
    const p = view.provider(abs);
    if (p) providers.set(abs, p);
    else if (required.has(abs)) problems[2].push(missingReason(abs, cwds[0], stageOps, context, ignore));
  }
  for (const u of view.unknown) {
    const p = view.provider(u);
    problems[2].push(p?.op?.problem ?? `cannot tell what ${u} holds: ${p?.op ? `the ${p.op.ins.name} on line ${p.op.ins.line} writes it` : 'a mount from another stage provides it'}`);
  }

  // The COPYs to move: those that provide a manifest along with other files, and other COPYs into the install directory.
  const manifestOnly = (op: CopyOp) => op.sources.some((s) => s.kind === 'glob')
    || (copyFileTargets(op)?.every((t) => reads.includes(t.abs)) ?? false);
  const providing = new Set([...providers.values()].map((p) => p.op).filter((o): o is CopyOp => o !== null));
  const boundary = lastInstallBefore(r);
  // A directory COPY where a missing manifest would have come from is the source COPY too (then: skip, saying so).
  const unprovided = [...required].filter((abs) => !providers.has(abs));
  const wouldProvide = (op: CopyOp) => op.sources.some((x) => x.kind === 'dir')
    && unprovided.some((abs) => isUnder(abs, op.dest) && abs !== op.dest);
  const sourceA = stageOps.filter((op) => op.local && op.flags.from === null
    && ((providing.has(op) && !manifestOnly(op)) || wouldProvide(op)));
  const sourceB = stageOps.filter((op) => op.local && op.flags.from === null && !op.problem && op.ins.name === 'COPY'
    && !providing.has(op) && op.ins.index > boundary && !copyAreas(op).some((a) => reads.some((x) => overlaps(a, x)))
    && !op.sources.some((x) => x.path.split('/').pop()!.startsWith('.') && x.path !== '')
    && cwds.some((cwd) => !SYSTEM_DIRS.has(cwd) && isUnder(op.dest, cwd)));
  let moved = [...sourceA, ...sourceB].sort((a, b) => a.ins.index - b.ins.index);
  if (moved.length === 0) return NONE;
  for (const op of sourceA) {
    if (op.problem) problems[1].push(op.problem);
    else if (op.ins.name === 'ADD') problems[1].push(`the sources are copied with ADD (line ${op.ins.line}), and only COPY instructions are moved`);
  }
  const first = (sourceA[0] ?? moved[0]).ins;
  // Moving only other COPYs (no manifest COPY) is opportunistic: when it cannot be done, nothing is said.
  const skip = (reason: string): Outcome => (moved.some((op) => sourceA.includes(op))
    ? { kind: 'skip', reason: `${labelOf(found)} on line ${r.line} not moved before the COPY on line ${first.line}: ${reason}` }
    : NONE);
  const problem0 = problems.flat()[0];
  if (problem0) return skip(problem0);

  // Other COPYs that cannot move stay where they are; a manifest COPY that cannot move stops the fix.
  let fp = footprint(moved, files);
  for (;;) {
    if (moved.length === 0) return NONE;
    fp = footprint(moved, files);
    const bad = moved.map((op) => ({ op, why: copyProblem(r, op) })).find((x) => x.why);
    if (bad) {
      if (sourceA.includes(bad.op)) return skip(bad.why!);
      moved = moved.filter((op) => op !== bad.op);
      continue;
    }
    const block = blockingInstruction(m, r, moved, fp, ops, files);
    if (!block) break;
    if (moved.some((op) => sourceA.includes(op) && op.ins.index < block.index)) return skip(block.why);
    moved = moved.filter((op) => op.ins.index > block.index);
  }
  const problem = installProblem(r, analyses, moved, fp, ignore, files);
  if (problem) return skip(problem);

  const layout = splitLayout(r, body, found, analyses, fp);
  if ('problem' in layout) return skip(layout.problem);
  if (r.heredoc && layout.mode !== 'whole') return skip('the RUN is a heredoc script, which is not cut in two');
  const manifests = new Map<CopyOp, Array<{ abs: string; path: string }>>();
  for (const [abs, p] of providers) {
    if (p.op && moved.includes(p.op) && !alreadyThere(m, p.op, abs, p.path!, ops, files)) {
      const list = manifests.get(p.op) ?? [];
      list.push({ abs, path: p.path! });
      manifests.set(p.op, list);
    }
  }
  const edits = planEdits(m, r, moved, manifests, layout);
  if ('problem' in edits) return skip(edits.problem);
  const names = [...manifests.values()].flat().map((x) => x.path);
  const lines = moved.map((op) => op.ins.line).join(', ');
  const copied = names.length ? `copied ${names.join(', ')} first and ` : '';
  const message = layout.mode === 'early'
    ? `${copied}ran ${labelOf(found)} with ${[...new Set([...layout.earlyFlags.values()].flat())].join(' ')} before the COPY on line ${lines}, keeping the full install (line ${r.line}) after it, so source edits reuse the installed dependencies`
    : `${copied}moved the COPY on line ${lines} below ${labelOf(found)} (line ${r.line})${layout.mode === 'split' ? ', splitting the RUN after the install' : ''}, so source edits reuse the installed dependencies`;
  return { kind: 'fix', fix: { message, line: r.line, edits: edits.edits, touches: edits.touches } };
}

/**
 * An earlier COPY already put the same file (same context file, owner and mode) at `abs`, and no RUN between it
 * and the moved COPY could have changed it: the install finds it there without a new COPY.
 */
function alreadyThere(m: Model, op: CopyOp, abs: string, path: string, ops: CopyOp[], files: FileOracle): boolean {
  const before = ops.filter((o) => o.ins.index < op.ins.index);
  for (let i = before.length - 1; i >= 0; i--) {
    const cov = copyCovers(before[i], abs, files);
    if (!cov) continue;
    if (cov.kind !== 'context' || cov.path !== path || !sameOwnership(before[i], op) || before[i].ins.stage !== op.ins.stage) return false;
    for (let j = before[i].ins.index + 1; j < op.ins.index; j++) if (m.instructions[j].name === 'RUN') return false;
    return true;
  }
  return false;
}

function labelOf(found: Found[]): string {
  return found.map((f) => f.install.label).join(' + ');
}

function missingReason(abs: string, cwd: string, ops: CopyOp[], context: BuildContext, ignore: DockerIgnore): string {
  const rel = isUnder(abs, cwd) ? relativeTo(abs, cwd) : abs;
  for (const op of [...ops].reverse()) {
    for (const s of op.sources) {
      let path: string | null = null;
      if (s.kind === 'dir' && isUnder(abs, op.dest) && abs !== op.dest) path = joinContext(s.path, relativeTo(abs, op.dest));
      const name = abs.slice(abs.lastIndexOf('/') + 1);
      if (s.kind === 'glob' && dirnameOf(abs) === op.dest && globMatch(s.path.split('/').pop()!, name)) path = joinContext(dirnameOf(s.path), name);
      if (path === null) continue;
      if (context.exists(path) && ignore.ignored(path)) return `.dockerignore excludes ${path}`;
      return `${path} is not in the build context`;
    }
  }
  return `no COPY before the install provides ${rel}`;
}

export const depsCopyFirst: Transform = {
  id: 'deps-copy-first',
  description: 'Copy only the dependency manifests before the install and the sources after it, so source edits reuse the cached install layer',
  hadolint: [],
  defaultOn: true,
  tier: 'safe',
  run(m, ctx) {
    const fixes: Fix[] = [];
    const skips: Skip[] = [];
    const ignore = loadDockerIgnore(ctx.context);
    const files = oracle(ctx.context, ignore);
    for (const stage of m.stages) {
      if (stage.windows) continue;
      for (const r of stage.instructions) {
        if (r.name !== 'RUN') continue;
        const out = plan(m, r, ctx.context, ignore, files);
        if (out.kind === 'skip') skips.push({ reason: out.reason, line: r.line });
        if (out.kind === 'fix') {
          fixes.push(out.fix);
          break;
        }
      }
    }
    return { fixes, skips };
  },
};
