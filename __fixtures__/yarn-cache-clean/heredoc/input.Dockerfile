# syntax=docker/dockerfile:1
FROM node:20
WORKDIR /app
COPY . .
RUN <<EOF
yarn install --frozen-lockfile
yarn build
EOF
CMD ["node", "index.js"]
