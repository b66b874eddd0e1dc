FROM node:20-slim
RUN npm i express
RUN npm --prefix /app --omit dev install
