import { setFlagsFromString } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { initShell } from '../model/shell.js';
import { availableTransforms } from '../plugins/load.js';
import { directoryContext } from './context.js';
import { transformsFor, type PoolRequest, type PoolResponse, type PoolSetup } from './pool.js';
import { processBytes, processFile } from './process.js';

/** A pool worker: the same per-file pipeline as the main thread, on files it is sent. */
const setup = workerData as PoolSetup;
setFlagsFromString('--liftoff-only');
await initShell();
const available = await availableTransforms(setup.pluginUrls);
const transforms = transformsFor(setup.transformIds, available);
/** One file at a time, in the order sent, also while a file's plugins are being imported. */
let queue = Promise.resolve();
parentPort!.on('message', (req: PoolRequest) => {
  // A file that throws ends the worker, as an uncaught exception (the pool then finds the file at fault).
  queue = queue
    .then(() => handle(req))
    .catch((err: unknown) => {
      setImmediate(() => {
        throw err;
      });
    });
});

async function handle(req: PoolRequest): Promise<void> {
  // Starts the file's clock in the pool (its time limit), now that the files sent before it are done.
  parentPort!.postMessage({ id: req.id, started: true } satisfies PoolResponse);
  // Paths that are not UTF-8 arrive as bytes (a Uint8Array once passed between threads).
  const bytes = (p: PoolRequest['path']) => (typeof p === 'string' ? p : Buffer.from(p));
  let own = available;
  if (req.pluginUrls) {
    try {
      own = await availableTransforms(req.pluginUrls);
    } catch (err) {
      const result = { status: 'error', message: (err as Error).message, internal: false } as const;
      parentPort!.postMessage({ id: req.id, result } satisfies PoolResponse);
      return;
    }
  }
  const opts = {
    transforms: req.transformIds ? transformsFor(req.transformIds, own) : transforms,
    context: req.contextDir === null ? undefined : directoryContext(bytes(req.contextDir)),
    options: req.options ?? setup.options,
    checkContent: req.checkContent,
  };
  const result = req.bytes ? processBytes(req.bytes, opts) : processFile(bytes(req.path), opts);
  parentPort!.postMessage({ id: req.id, result } satisfies PoolResponse);
}
