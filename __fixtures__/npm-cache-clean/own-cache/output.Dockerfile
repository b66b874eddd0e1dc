FROM node:20-slim
RUN npm ci --cache /tmp/npm
RUN npm_config_cache=/tmp/c npm install
