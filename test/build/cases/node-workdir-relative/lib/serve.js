'use strict';
const http = require('node:http');
const config = require('./config.js');
http
  .createServer((req, res) => res.end(`web-frontend at ${req.url}\n`))
  .listen(config.port, () => console.log(`listening on ${config.port}`));
