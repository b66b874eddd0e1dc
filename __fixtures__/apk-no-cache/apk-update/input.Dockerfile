FROM alpine:3.20
RUN apk update && apk add curl
RUN apk update \
    && apk upgrade \
    && apk add --no-cache bash
