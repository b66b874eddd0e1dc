FROM node:20 AS web
WORKDIR /web
COPY . .
RUN npm ci && npm run build

FROM nginx:1.27
COPY --from=web /web/build /usr/share/nginx/html
COPY build/nginx.conf /etc/nginx/conf.d/default.conf
