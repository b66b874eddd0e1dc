FROM alpine:3.20
RUN apk update && apk add curl && apk add --virtual .build-deps gcc
RUN apk add git
