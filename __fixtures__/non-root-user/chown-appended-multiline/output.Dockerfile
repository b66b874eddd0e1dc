FROM node:20-slim
WORKDIR /usr/src/app
COPY . .
RUN npm ci --omit=dev \
 && mkdir -p cache \
 && npm run build \
 && chown node /usr/src/app/cache
USER node
CMD ["node", "server.js", "--cache", "cache"]
