'use strict';
// Polls the queue directory and reports jobs it finds.
const fs = require('node:fs');
const dir = process.env.QUEUE_DIR || '/tmp/queue';
fs.mkdirSync(dir, { recursive: true });
if (process.argv.includes('--once')) {
  console.log(`${fs.readdirSync(dir).length} job(s) waiting`);
} else {
  setInterval(() => console.log(`${fs.readdirSync(dir).length} job(s) waiting`), 5000);
}
