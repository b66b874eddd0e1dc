FROM node:20
WORKDIR /home/node/app
COPY --chown=node:node . .
USER node
RUN npm install --omit=dev
CMD ["node", "index.js"]
