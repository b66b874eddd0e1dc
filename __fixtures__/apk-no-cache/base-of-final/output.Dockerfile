FROM alpine:3.20 AS base
RUN apk add --no-cache tini

FROM alpine:3.20 AS build
RUN apk add go

FROM base
COPY --from=build /out /usr/local/bin/
