# syntax=docker/dockerfile:1
FROM node:20
WORKDIR /app
COPY . .
RUN <<EOF
npm install -g pnpm
npm ci && npm cache clean --force
EOF
CMD ["node", "index.js"]
