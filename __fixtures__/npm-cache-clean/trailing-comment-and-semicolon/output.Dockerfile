FROM node:20-slim
RUN npm ci && npm cache clean --force; # install
