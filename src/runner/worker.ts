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
parentPort!.on('message', (req: PoolRequest) => {
  // Starts the file's clock in the pool (its time limit), now that the files sent before it are done.
  parentPort!.postMessage({ id: req.id, started: true } satisfies PoolResponse);
  // Paths that are not UTF-8 arrive as bytes (a Uint8Array once passed between threads).
  const bytes = (p: PoolRequest['path']) => (typeof p === 'string' ? p : Buffer.from(p));
  const opts = {
    transforms: req.transformIds ? transformsFor(req.transformIds, available) : transforms,
    context: req.contextDir === null ? undefined : directoryContext(bytes(req.contextDir)),
    options: req.options ?? setup.options,
    checkContent: req.checkContent,
  };
  const result = req.bytes ? processBytes(req.bytes, opts) : processFile(bytes(req.path), opts);
  parentPort!.postMessage({ id: req.id, result } satisfies PoolResponse);
});
