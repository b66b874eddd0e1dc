FROM node:20
WORKDIR /app
COPY . .
RUN cd web && npm ci && npm run build
