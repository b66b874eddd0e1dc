FROM node:20-slim
WORKDIR /usr/src/app
COPY . .
RUN npm ci --omit=dev && \
    mkdir -p /var/cache/thumbs && \
    chown node /var/cache/thumbs
ENV THUMB_CACHE=/var/cache/thumbs
USER node
CMD ["node", "server.js"]
