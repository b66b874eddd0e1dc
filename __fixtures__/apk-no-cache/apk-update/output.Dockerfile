FROM alpine:3.20
RUN apk update && apk add curl && rm -rf /var/cache/apk/*
RUN apk update \
    && apk upgrade \
    && apk add --no-cache bash \
    && rm -rf /var/cache/apk/*
