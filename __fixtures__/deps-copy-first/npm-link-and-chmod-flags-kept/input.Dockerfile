FROM node:20-slim
WORKDIR /app
COPY --link --chmod=644 . .
RUN npm ci --omit=dev
CMD ["node", "index.js"]
