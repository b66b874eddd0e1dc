FROM node:20-slim
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .
RUN mkdir -p /srv/uploads
ENV UPLOAD_DIR=/srv/uploads
CMD ["node", "server.js"]
