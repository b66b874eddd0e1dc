FROM node:18
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn --pure-lockfile
COPY . .
CMD ["node", "index.js"]
