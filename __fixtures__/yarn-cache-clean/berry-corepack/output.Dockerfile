FROM node:20-slim
RUN corepack enable
COPY . .
RUN yarn install
