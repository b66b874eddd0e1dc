// A stand-in for the pool's worker script (test/pool.test.ts): like the real one, says when it starts on a file;
// answers each file with a note, and never finishes a file whose path contains "slow" (a transform that hangs).
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (req) => {
  parentPort.postMessage({ id: req.id, started: true });
  if (req.path.includes('slow')) for (;;);
  parentPort.postMessage({ id: req.id, result: { status: 'note', message: `read ${req.path}` } });
});
