FROM node:20-alpine
WORKDIR /app
COPY package*.json ./
COPY src ./src
COPY public ./public
RUN npm ci
CMD ["node", "src/index.js"]
