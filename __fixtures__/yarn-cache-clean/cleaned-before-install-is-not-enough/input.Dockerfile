FROM node:20-slim
COPY . .
RUN yarn cache clean && yarn install
