FROM node:20-slim
RUN apt-get update \
    && npm install -g pm2 \
    && pm2 --version
