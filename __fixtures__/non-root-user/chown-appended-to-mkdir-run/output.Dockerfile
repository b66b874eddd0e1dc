FROM node:20-slim
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .
RUN mkdir -p /srv/uploads && chown node /srv/uploads
ENV UPLOAD_DIR=/srv/uploads
USER node
CMD ["node", "server.js"]
