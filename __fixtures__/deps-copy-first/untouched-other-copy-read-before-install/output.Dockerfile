FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/ ./scripts/
RUN chmod +x scripts/setup.sh
RUN npm ci
