FROM node:20-slim
WORKDIR /app
COPY . .
RUN yarn --frozen-lockfile && \
    yarn build
