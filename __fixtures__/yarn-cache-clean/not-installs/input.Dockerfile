FROM node:20-slim
COPY . .
RUN yarn --version && yarn -v && yarn build && yarn run test && yarn cache dir
