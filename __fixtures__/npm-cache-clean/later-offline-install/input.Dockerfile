FROM node:20-slim
RUN npm ci
RUN npm ci --offline --omit=dev
