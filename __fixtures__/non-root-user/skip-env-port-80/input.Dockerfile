FROM node:20-slim
ENV PORT 80
WORKDIR /srv
COPY . .
CMD ["node", "server.js"]
