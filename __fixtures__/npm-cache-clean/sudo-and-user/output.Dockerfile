FROM node:20-slim
USER node
RUN sudo npm install -g pm2 && sudo npm cache clean --force
RUN npm install lodash && npm cache clean --force
