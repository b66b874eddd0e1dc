FROM node:20-slim
RUN npm ci && npm cache clean --force
RUN npm install && rm -rf /root/.npm
RUN npm install -g yarn; npm cache clear --force
