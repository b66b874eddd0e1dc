FROM node:18
WORKDIR /app
COPY . .
RUN yarn --pure-lockfile
CMD ["node", "index.js"]
