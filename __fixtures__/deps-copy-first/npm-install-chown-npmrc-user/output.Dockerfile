FROM node:20
WORKDIR /home/node/app
COPY --chown=node:node package.json package-lock.json .npmrc ./
USER node
RUN npm install --omit=dev
COPY --chown=node:node . .
CMD ["node", "index.js"]
