FROM node:20-alpine
WORKDIR /app
COPY server.js package.json package-lock.json ./
RUN npm ci --omit=dev
CMD ["node", "server.js"]
