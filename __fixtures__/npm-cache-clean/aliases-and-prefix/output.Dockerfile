FROM node:20-slim
RUN npm i express && npm cache clean --force
RUN npm --prefix /app --omit dev install && npm cache clean --force
