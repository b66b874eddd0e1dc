FROM node:20-slim
RUN npm run build && npm test && npm --version
