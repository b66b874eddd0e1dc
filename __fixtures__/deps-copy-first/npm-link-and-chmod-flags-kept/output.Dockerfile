FROM node:20-slim
WORKDIR /app
COPY --link --chmod=644 package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --link --chmod=644 . .
CMD ["node", "index.js"]
