import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import type { TransformOptions } from '../transform-types.js';
import { processBytes, processFile, type FileResult, type ReadStamp } from './process.js';
import { directoryContext } from './context.js';
import { pathKey, type FsPath } from './fs-path.js';
import { availableTransforms } from '../plugins/load.js';
import { TRANSFORMS } from '../builtins.js';
import type { BuildContext, Transform } from '../transform-types.js';

export interface PoolSetup {
  transformIds: string[];
  options: TransformOptions;
  /** Longest a worker may spend on one file before it is stopped and the file reported (none: no limit). */
  timeoutMs?: number;
  /** File URLs of plugin modules whose transforms are among `transformIds` (each thread imports them). */
  pluginUrls?: string[];
}

export interface PoolJob {
  path: FsPath;
  /** Build context directory, or null for none. */
  contextDir: FsPath | null;
  /** The file's name does not say it is a Dockerfile: check its content (ProcessOptions.checkContent). */
  checkContent?: boolean;
  /** This file's transforms and options, when they are not the setup's (config files, per-file settings). */
  transformIds?: string[];
  options?: TransformOptions;
  /** The plugin modules its transforms come from, when they are not the setup's (a config file's `plugins`). */
  pluginUrls?: string[];
  /** The file's bytes, when they are not read from `path` (stdin). */
  bytes?: Uint8Array;
}

export interface PoolRequest extends PoolJob {
  id: number;
}

export type JobResult = FileResult & { stamp?: ReadStamp };

/** A worker's answer to a file, or (`started`) word that it begins on the file, which starts the file's clock. */
export type PoolResponse = { id: number; result: JobResult } | { id: number; started: true };

const resolved = new WeakMap<readonly Transform[], Map<string, Transform[]>>();

/**
 * The transforms with these ids among `available` (the built-ins, or the built-ins and the plugins a thread loaded),
 * in the order given; resolved once per distinct list.
 */
export function transformsFor(ids: string[], available: readonly Transform[] = TRANSFORMS): Transform[] {
  let lists = resolved.get(available);
  if (!lists) resolved.set(available, (lists = new Map()));
  const key = ids.join(',');
  let ts = lists.get(key);
  if (!ts) lists.set(key, (ts = ids.map((id) => available.find((t) => t.id === id)).filter((t): t is Transform => t !== undefined)));
  return ts;
}

/** Jobs each worker holds at once: enough to keep it busy while the main thread handles results. */
const IN_FLIGHT_PER_WORKER = 8;
/** Workers that may die one after another, with no file finished in between, before the pool gives up on the rest. */
const MAX_DEATHS_IN_A_ROW = 3;

/** The script each worker runs: `worker.ts`, the same per-file pipeline as this thread. */
const WORKER_SCRIPT = new URL('./worker.js', import.meta.url);

/**
 * Process files in order of `jobs`, yielding each result in that order. With `workers` > 0 the files are
 * processed by that many worker threads running `script` (the same pure per-file pipeline); otherwise here.
 */
export async function* processFiles(
  jobs: PoolJob[],
  setup: PoolSetup,
  workers: number,
  script: URL = WORKER_SCRIPT,
): AsyncGenerator<JobResult> {
  if (workers <= 0) {
    const available = await availableTransforms(setup.pluginUrls);
    const transforms = transformsFor(setup.transformIds, available);
    const contexts = new Map<string, BuildContext>();
    for (const job of jobs) {
      const own = job.pluginUrls ? await availableTransforms(job.pluginUrls) : available;
      let context: BuildContext | undefined;
      if (job.contextDir !== null) {
        context = contexts.get(pathKey(job.contextDir));
        if (!context) contexts.set(pathKey(job.contextDir), (context = directoryContext(job.contextDir)));
      }
      const opts = {
        transforms: job.transformIds ? transformsFor(job.transformIds, own) : transforms,
        context,
        options: job.options ?? setup.options,
        checkContent: job.checkContent,
      };
      yield job.bytes ? processBytes(job.bytes, opts) : processFile(job.path, opts);
    }
    return;
  }
  yield* new Pool(jobs, setup, workers, script).results();
}

class Pool {
  private readonly done = new Map<number, JobResult>();
  private readonly inFlight = new Map<Worker, Set<number>>();
  /** The time limit running for each worker's current file. */
  private readonly clocks = new Map<Worker, NodeJS.Timeout>();
  private next = 0;
  /** Files a worker held when it died: each is tried again alone, so that only the one that kills a worker fails. */
  private readonly suspects: number[] = [];
  private deathsInARow = 0;
  /** Files a stopped worker held besides the one that ran out of time: not at fault, sent again as usual. */
  private readonly requeued: number[] = [];
  private wake: (() => void) | null = null;

  constructor(
    private readonly jobs: PoolJob[],
    private readonly setup: PoolSetup,
    size: number,
    private readonly script: URL,
  ) {
    for (let i = 0; i < Math.min(size, jobs.length); i++) this.spawn();
  }

  private spawn(): void {
    // Loaded here: a run without workers (the default) does not pay for loading worker_threads (about 3 ms).
    const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
    const w = new Worker(this.script, { workerData: this.setup });
    this.inFlight.set(w, new Set());
    w.on('message', (msg: PoolResponse) => {
      this.stopClock(w);
      if ('started' in msg) {
        const ms = this.setup.timeoutMs;
        if (ms !== undefined && ms > 0) this.clocks.set(w, setTimeout(() => this.timedOut(w, msg.id, ms), ms));
        return;
      }
      this.inFlight.get(w)?.delete(msg.id);
      this.done.set(msg.id, msg.result);
      this.deathsInARow = 0;
      this.feed(w);
      this.notify();
    });
    w.on('error', (err: Error) => this.lost(w, err.message));
    w.on('exit', (code) => {
      if (this.inFlight.has(w)) this.lost(w, `worker exited with code ${code}`);
    });
    this.feed(w);
  }

  private stopClock(w: Worker): void {
    clearTimeout(this.clocks.get(w));
    this.clocks.delete(w);
  }

  /**
   * A worker spent longer than the limit on one file: a synchronous transform cannot be interrupted, so the worker
   * is stopped, the file reported (and left untouched), and the files it held with it go to a new worker.
   */
  private timedOut(w: Worker, id: number, ms: number): void {
    this.clocks.delete(w);
    const ids = this.inFlight.get(w);
    if (!ids?.has(id)) return;
    this.inFlight.delete(w);
    void w.terminate();
    ids.delete(id);
    this.done.set(id, { status: 'error', message: `timed out after ${ms / 1000} s; left untouched`, internal: false });
    this.requeue([...ids]);
    if (this.next < this.jobs.length || this.requeued.length > 0 || this.suspects.length > 0) this.spawn();
    this.notify();
  }

  /**
   * A worker died. A file it held alone is the cause and becomes an internal error; files it held with others are
   * tried again one at a time. A new worker takes over, unless workers keep dying without finishing any file.
   */
  private lost(w: Worker, why: string): void {
    const ids = this.inFlight.get(w);
    if (!ids) return;
    this.inFlight.delete(w);
    this.stopClock(w);
    void w.terminate();
    const fail = (id: number) => this.done.set(id, { status: 'error', message: `internal error: ${why}`, internal: true });
    if (ids.size === 1) ids.forEach(fail);
    else {
      this.suspects.push(...ids);
      this.suspects.sort((x, y) => x - y);
    }
    const workLeft = this.next < this.jobs.length || this.suspects.length > 0 || this.requeued.length > 0;
    if (workLeft && ++this.deathsInARow <= MAX_DEATHS_IN_A_ROW) this.spawn();
    else if (workLeft && this.inFlight.size === 0) {
      // Workers keep dying: give up on the files no worker holds.
      this.suspects.splice(0).forEach(fail);
      this.requeued.splice(0).forEach(fail);
      for (; this.next < this.jobs.length; this.next++) fail(this.next);
    }
    this.notify();
  }

  private feed(w: Worker): void {
    const ids = this.inFlight.get(w);
    if (!ids) return;
    const send = (id: number) => {
      ids.add(id);
      w.postMessage({ id, ...this.jobs[id] } satisfies PoolRequest);
    };
    if (this.suspects.length > 0) {
      // Suspects go first (the output waits for them), each to a worker that holds nothing else.
      if (ids.size === 0) send(this.suspects.shift()!);
      return;
    }
    while (ids.size < IN_FLIGHT_PER_WORKER && this.requeued.length > 0) send(this.requeued.shift()!);
    while (ids.size < IN_FLIGHT_PER_WORKER && this.next < this.jobs.length) send(this.next++);
  }

  private requeue(ids: number[]): void {
    this.requeued.push(...ids);
    this.requeued.sort((x, y) => x - y);
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  async *results(): AsyncGenerator<JobResult> {
    try {
      for (let id = 0; id < this.jobs.length; id++) {
        while (!this.done.has(id)) await new Promise<void>((resolve) => (this.wake = resolve));
        const r = this.done.get(id)!;
        this.done.delete(id);
        yield r;
      }
    } finally {
      const workers = [...this.inFlight.keys()];
      this.inFlight.clear();
      for (const w of workers) this.stopClock(w);
      await Promise.all(workers.map((w) => w.terminate()));
    }
  }
}
