FROM node:20-alpine
RUN yarn global add serve
