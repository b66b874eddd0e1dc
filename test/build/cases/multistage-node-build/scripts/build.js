'use strict';
// Bundles the sources into dist/ with a banner holding the version.
const fs = require('node:fs');
const path = require('node:path');
const { version } = require('../package.json');
const out = path.join(__dirname, '..', 'dist');
fs.mkdirSync(out, { recursive: true });
for (const f of fs.readdirSync(path.join(__dirname, '..', 'src'))) {
  const code = fs.readFileSync(path.join(__dirname, '..', 'src', f), 'utf8');
  fs.writeFileSync(path.join(out, f), `/* catalog-service ${version} */\n${code}`);
}
console.log(`built ${version}`);
