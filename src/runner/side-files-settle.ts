import { join, relative, sep } from 'node:path';
import type { FileReport } from '../report/types.js';
import { diffPath } from '../report/diff-names.js';
import { sideFileDiff } from '../report/side-diff.js';
import type { FoundFile } from './files.js';
import { lossy } from './fs-path.js';
import { processFiles, type JobResult, type PoolJob, type PoolSetup } from './pool.js';
import type { FileResult } from './process.js';
import { sideFileConflicts, sideFileTarget } from './side-files-plan.js';
import { writeSideFile } from './side-file-write.js';
import { WriteRefused } from './write.js';
import { namesEntry } from '../builtins.js';

type Done = Extract<FileResult, { status: 'done' }>;

/** A Dockerfile whose result creates or rewrites context files, held back until every file's result is in. */
export interface Pending {
  /** Index of its job. */
  index: number;
  file: FoundFile;
  res: Done & { stamp?: JobResult['stamp'] };
  report: FileReport;
}

export interface SettleOptions {
  jobs: readonly PoolJob[];
  setup: PoolSetup;
  write: boolean;
  /** Dry run: add each context file's diff to the first Dockerfile's diff that makes it. */
  diffs: boolean;
  cwd: string;
  /** Diff, write (unless the report holds an error), print and count the Dockerfile's result. */
  conclude(f: FoundFile, res: JobResult, r: FileReport, sideDiff?: string): void;
  reportOf(path: string, res: FileResult): FileReport;
  /** The other Dockerfiles of the run that make no context file: display path, context directory and text. */
  others: ReadonlyArray<{ display: string; contextDir: string; text: string }>;
}

/** Lines of `after` that `before` does not have. */
function addedLines(before: string | null, after: string): string[] {
  const had = new Set((before ?? '').split(/\r?\n/).map((l) => l.trim()));
  return after.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#') && !had.has(l));
}

/**
 * A Dockerfile of the run that shares the context of `p` and may name a path the new lines exclude (its build would
 * lose it: `.dockerignore` applies to every build of the context), or null.
 */
function hurtsAnother(p: Pending, contextDir: string, others: SettleOptions['others']): string | null {
  const here = sideFileTarget(contextDir, '');
  for (const file of p.res.sideFiles) {
    const lines = addedLines(file.before, file.after);
    for (const o of others) {
      if (sideFileTarget(o.contextDir, '') !== here) continue;
      const line = lines.find((l) => namesEntry(o.text, l));
      if (line) return `${o.display}, in the same build context, names ${line}`;
    }
  }
  return null;
}

/**
 * The same file again without the transforms whose fixes make context files, when those files cannot be written:
 * the other fixes may rely on them (deps-copy-first moves an install once `.dockerignore` excludes node_modules).
 */
export async function withoutSideFiles(res: Done, job: PoolJob, setup: PoolSetup, why: string): Promise<JobResult> {
  const makers = res.fixes.filter((x) => x.files !== undefined);
  const drop = new Set(makers.map((x) => x.transform));
  const ids = (job.transformIds ?? setup.transformIds).filter((id) => !drop.has(id));
  let again: JobResult = { status: 'error', message: 'internal error: no result', internal: true };
  for await (const r of processFiles([{ ...job, transformIds: ids }], setup, 0)) again = r;
  if (again.status !== 'done') return again;
  if (again.sideFiles.length > 0) return { status: 'error', message: `context files cannot be written (${why})`, internal: false };
  const skips = makers.map((x) => ({ transform: x.transform, reason: `${x.files!.join(', ')} ${why}`, line: x.line }));
  return { ...again, skipped: [...skips, ...again.skipped] };
}

const slashes = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

function writeError(display: string, e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const why = err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err instanceof WriteRefused ? err.message : (err.code ?? err.message);
  return `cannot write ${display}: ${why}`;
}

/**
 * Write (or diff) the context files of the held-back results, each file once, then conclude each Dockerfile in job
 * order. Dockerfiles of one context that would make the same file differently are transformed again without the
 * transforms that make it (a fix skipped, with the reason), so that nothing relies on a file that is not written.
 * A context file that cannot be written leaves its Dockerfile unwritten too, with the error.
 */
export async function settleSideFiles(pending: readonly Pending[], o: SettleOptions): Promise<void> {
  const contextOf = (p: Pending) => lossy(o.jobs[p.index].contextDir ?? '');
  const conflicts = sideFileConflicts(pending.map((p) => ({ display: p.report.path, contextDir: contextOf(p), files: p.res.sideFiles })));
  /** Context files handled so far: their target path, and the error writing them met (null: written or diffed). */
  const handled = new Map<string, string | null>();
  for (const [k, p] of pending.entries()) {
    const other = conflicts.get(k);
    const hurt = other === undefined ? hurtsAnother(p, contextOf(p), o.others) : null;
    if (other !== undefined || hurt !== null) {
      const why = `not written: ${hurt ?? `${other}, in the same build context, would make it differently`}`;
      const res = await withoutSideFiles(p.res, o.jobs[p.index], o.setup, why);
      o.conclude(p.file, res, o.reportOf(p.report.path, res));
      continue;
    }
    const r = p.report;
    let sideDiff = '';
    r.sideFiles = [];
    for (const file of p.res.sideFiles) {
      const given = join(contextOf(p), file.path);
      const display = slashes(relative(o.cwd, given));
      r.sideFiles.push({ path: display, before: file.before, after: file.after });
      const target = sideFileTarget(contextOf(p), file.path);
      if (!handled.has(target)) {
        let error: string | null = null;
        if (o.write) {
          try {
            writeSideFile(contextOf(p), file);
          } catch (e) {
            error = writeError(display, e);
          }
        }
        if (o.diffs) sideDiff += sideFileDiff(diffPath(display, given).path, file.before, file.after);
        handled.set(target, error);
      }
      const error = handled.get(target);
      if (error) {
        r.error ??= error;
        r.changed = false;
      }
    }
    o.conclude(p.file, p.res, r, sideDiff);
  }
}
