FROM node:20-slim
RUN mkdir -p /tmp/fix && cd /tmp/fix && npm install undici@6.27.0 && cd / && rm -rf /tmp/fix
WORKDIR /app
RUN npm ci && rm -rf /tmp/*
