FROM node:20-slim
RUN git clone https://example.com/app.git /app && cd /app && yarn install
