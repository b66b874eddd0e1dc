# syntax=docker/dockerfile:1
FROM node:20
WORKDIR /app
COPY . .
RUN <<EOF
npm install -g pnpm
npm ci
EOF
CMD ["node", "index.js"]
