set -e
npm install -g pm2
exec pm2-runtime server.js
