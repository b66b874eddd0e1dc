FROM node:20-slim
RUN cd "$HOME" && npm install lodash && rm -rf node_modules
