// A stand-in for the pool's worker script (test/pool.test.ts): answers each file with a note, and dies with exit
// code 3 on any file whose path contains "crash", as a worker would on a fatal error.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (req) => {
  if (req.path.includes('crash')) process.exit(3);
  parentPort.postMessage({ id: req.id, result: { status: 'note', message: `read ${req.path}` } });
});
