import { setFlagsFromString } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { initShell } from '../model/shell.js';
import { transformsById } from '../plugins/load.js';
import { directoryContext } from './context.js';
import type { PoolRequest, PoolResponse, PoolSetup } from './pool.js';
import { processFile } from './process.js';

/** A pool worker: the same per-file pipeline as the main thread, on files it is sent. */
const setup = workerData as PoolSetup;
setFlagsFromString('--liftoff-only');
await initShell();
const transforms = await transformsById(setup.transformIds, setup.pluginUrls);
parentPort!.on('message', (req: PoolRequest) => {
  const result = processFile(req.path, {
    transforms,
    context: req.contextDir === null ? undefined : directoryContext(req.contextDir),
    options: setup.options,
    checkContent: req.checkContent,
  });
  parentPort!.postMessage({ id: req.id, result } satisfies PoolResponse);
});
