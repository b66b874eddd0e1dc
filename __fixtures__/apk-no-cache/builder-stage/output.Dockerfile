FROM alpine:3.20 AS build
RUN apk update && apk add gcc musl-dev

FROM alpine:3.20
RUN apk add --no-cache ca-certificates
