FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install -g pm2
RUN npm ci
