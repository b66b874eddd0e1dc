# syntax=docker/dockerfile:1
FROM node:20
WORKDIR /app
COPY . .
RUN <<EOF
yarn install --frozen-lockfile
yarn build && yarn cache clean
EOF
CMD ["node", "index.js"]
