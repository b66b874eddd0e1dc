FROM node:20
WORKDIR /app
COPY package.json yarn.lock ./
# hadolint ignore=DL3060
RUN yarn install
COPY . .
CMD ["node", "index.js"]
