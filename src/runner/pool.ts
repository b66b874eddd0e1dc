import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import type { TransformOptions } from '../../transforms/types.js';
import { processFile, type FileResult, type ReadStamp } from './process.js';
import { directoryContext } from './context.js';
import { findTransform } from '../../transforms/registry.js';
import type { BuildContext, Transform } from '../../transforms/types.js';

export interface PoolSetup {
  transformIds: string[];
  options: TransformOptions;
}

export interface PoolJob {
  path: string;
  /** Build context directory, or null for none. */
  contextDir: string | null;
}

export interface PoolRequest extends PoolJob {
  id: number;
}

export type JobResult = FileResult & { stamp?: ReadStamp };

export interface PoolResponse {
  id: number;
  result: JobResult;
}

/** Jobs each worker holds at once: enough to keep it busy while the main thread handles results. */
const IN_FLIGHT_PER_WORKER = 8;
/** Workers replaced after a crash before the pool gives up on the remaining files. */
const MAX_RESTARTS = 3;

/**
 * Process files in order of `jobs`, yielding each result in that order. With `workers` > 0 the files are
 * processed by that many worker threads running the same pure per-file pipeline; otherwise here.
 */
export async function* processFiles(jobs: PoolJob[], setup: PoolSetup, workers: number): AsyncGenerator<JobResult> {
  if (workers <= 0) {
    const transforms = setup.transformIds.map((id) => findTransform(id)).filter((t): t is Transform => t !== undefined);
    const contexts = new Map<string, BuildContext>();
    for (const job of jobs) {
      let context: BuildContext | undefined;
      if (job.contextDir !== null) {
        context = contexts.get(job.contextDir);
        if (!context) contexts.set(job.contextDir, (context = directoryContext(job.contextDir)));
      }
      yield processFile(job.path, { transforms, context, options: setup.options });
    }
    return;
  }
  yield* new Pool(jobs, setup, workers).results();
}

class Pool {
  private readonly done = new Map<number, JobResult>();
  private readonly inFlight = new Map<Worker, Set<number>>();
  private next = 0;
  private restarts = 0;
  private wake: (() => void) | null = null;

  constructor(
    private readonly jobs: PoolJob[],
    private readonly setup: PoolSetup,
    size: number,
  ) {
    for (let i = 0; i < Math.min(size, jobs.length); i++) this.spawn();
  }

  private spawn(): void {
    // Loaded here: a run without workers (the default) does not pay for loading worker_threads (about 3 ms).
    const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
    const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: this.setup });
    this.inFlight.set(w, new Set());
    w.on('message', (msg: PoolResponse) => {
      this.inFlight.get(w)?.delete(msg.id);
      this.done.set(msg.id, msg.result);
      this.feed(w);
      this.notify();
    });
    w.on('error', (err: Error) => this.lost(w, err.message));
    w.on('exit', (code) => {
      if (this.inFlight.has(w)) this.lost(w, `worker exited with code ${code}`);
    });
    this.feed(w);
  }

  /** A worker died: its files become internal errors, and a new worker takes over the rest. */
  private lost(w: Worker, why: string): void {
    const ids = this.inFlight.get(w);
    if (!ids) return;
    this.inFlight.delete(w);
    for (const id of ids) this.done.set(id, { status: 'error', message: `internal error: ${why}`, internal: true });
    void w.terminate();
    if (this.next < this.jobs.length) {
      if (++this.restarts <= MAX_RESTARTS) this.spawn();
      else if (this.inFlight.size === 0) {
        // Workers keep dying: give up on the files no worker has taken.
        for (; this.next < this.jobs.length; this.next++) {
          this.done.set(this.next, { status: 'error', message: `internal error: ${why}`, internal: true });
        }
      }
    }
    this.notify();
  }

  private feed(w: Worker): void {
    const ids = this.inFlight.get(w);
    while (ids && ids.size < IN_FLIGHT_PER_WORKER && this.next < this.jobs.length) {
      const id = this.next++;
      ids.add(id);
      w.postMessage({ id, ...this.jobs[id] } satisfies PoolRequest);
    }
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
      await Promise.all(workers.map((w) => w.terminate()));
    }
  }
}
