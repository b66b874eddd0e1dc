FROM node:20-slim
USER node
RUN sudo npm install -g pm2
RUN npm install lodash
