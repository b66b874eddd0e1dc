FROM node:20-slim
WORKDIR /usr/src/app
COPY . .
RUN npm ci --omit=dev && \
    mkdir -p /var/cache/thumbs
ENV THUMB_CACHE=/var/cache/thumbs
CMD ["node", "server.js"]
