FROM alpine:3.20
RUN apk update && apk add curl && apk add --virtual .build-deps gcc && rm -rf /var/cache/apk/*
RUN apk add --no-cache git
