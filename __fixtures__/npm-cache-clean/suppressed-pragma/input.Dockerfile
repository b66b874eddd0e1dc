FROM node:20
WORKDIR /app
COPY package.json ./
# docker-codemod ignore=npm-cache-clean
RUN npm install
COPY . .
CMD ["node", "index.js"]
