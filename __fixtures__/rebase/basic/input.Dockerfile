# Build with the old LTS
FROM --platform=$BUILDPLATFORM node:16-alpine AS build
WORKDIR /src
RUN --mount=type=cache,from=node:16,source=/usr/local/bin,target=/opt/node npm ci
COPY --from=node:16-slim /usr/local/bin/node /usr/local/bin/
FROM build AS test
RUN npm test
FROM nginx:1.25
COPY --from=build /src/dist /usr/share/nginx/html
COPY --from=0 /src/LICENSE /
