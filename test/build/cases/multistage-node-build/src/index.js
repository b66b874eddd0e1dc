'use strict';
const http = require('node:http');
const items = require('./items.js');
if (process.argv.includes('--list')) {
  console.log(items.map((i) => i.name).join('\n'));
} else {
  http
    .createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(items));
    })
    .listen(Number(process.env.PORT) || 8080);
}
