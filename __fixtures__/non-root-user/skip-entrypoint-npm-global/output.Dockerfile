FROM node:20-slim
WORKDIR /usr/src/app
COPY . .
RUN npm ci --omit=dev
ENTRYPOINT ["sh", "/usr/src/app/boot.sh"]
