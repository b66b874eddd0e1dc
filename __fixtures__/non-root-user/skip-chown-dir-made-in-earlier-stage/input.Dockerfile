FROM node:20-slim AS base
RUN mkdir /data

FROM base
WORKDIR /usr/src/app
COPY . .
ENV DATA_DIR=/data
CMD ["node", "server.js"]
