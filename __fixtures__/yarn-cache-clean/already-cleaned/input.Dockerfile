FROM node:20-slim
COPY . .
RUN yarn install && yarn cache clean
RUN yarn add lodash && rm -rf /usr/local/share/.cache/yarn
