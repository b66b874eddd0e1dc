'use strict';
const http = require('node:http');
const { version } = require('../package.json');

function handler(req, res) {
  const body = req.url === '/health' ? { ok: true } : { name: 'status-api', version };
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

if (process.argv.includes('--selftest')) {
  const server = http.createServer(handler).listen(0, '127.0.0.1', () => {
    http.get({ host: '127.0.0.1', port: server.address().port, path: '/health' }, (res) => {
      let data = '';
      res.on('data', (d) => (data += d));
      res.on('end', () => {
        console.log(data);
        server.close();
        process.exitCode = JSON.parse(data).ok ? 0 : 1;
      });
    });
  });
} else {
  http.createServer(handler).listen(Number(process.env.PORT) || 3000);
}
