FROM node:20-slim
COPY . .
RUN yarn install
RUN yarn install --offline --production
