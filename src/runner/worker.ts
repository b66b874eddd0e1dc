import { setFlagsFromString } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { initShell } from '../model/shell.js';
import { findTransform } from '../../transforms/registry.js';
import type { Transform } from '../../transforms/types.js';
import { directoryContext } from './context.js';
import type { PoolRequest, PoolResponse, PoolSetup } from './pool.js';
import { processBytes, processFile } from './process.js';

/** A pool worker: the same per-file pipeline as the main thread, on files it is sent. */
const setup = workerData as PoolSetup;
setFlagsFromString('--liftoff-only');
await initShell();
const transforms = setup.transformIds.map((id) => findTransform(id)).filter((t): t is Transform => t !== undefined);
parentPort!.on('message', (req: PoolRequest) => {
  // Starts the file's clock in the pool (its time limit), now that the files sent before it are done.
  parentPort!.postMessage({ id: req.id, started: true } satisfies PoolResponse);
  const opts = { transforms, context: req.contextDir === null ? undefined : directoryContext(req.contextDir), options: setup.options };
  const result = req.bytes ? processBytes(req.bytes, opts) : processFile(req.path, opts);
  parentPort!.postMessage({ id: req.id, result } satisfies PoolResponse);
});
