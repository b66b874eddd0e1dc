FROM node:20-slim
COPY . .
RUN yarn install --cache-folder /tmp/yarn
RUN YARN_CACHE_FOLDER=/tmp/y yarn install
