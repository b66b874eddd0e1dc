FROM node:20 AS build
COPY . .
RUN yarn install && yarn build
FROM nginx:1.27
COPY --from=build /dist /usr/share/nginx/html
