FROM node:20-slim
RUN mkdir -p /tmp/fix && cd /tmp/fix && npm install undici@6.27.0 && cp -r node_modules/undici /opt/ && rm -rf /tmp/fix
WORKDIR /build
RUN npm install -g pm2 && rm -rf /build
RUN cd "$APP_DIR" && npm ci && rm -rf /srv/app
RUN cd /srv/app && npm ci && rm -rf ../app
