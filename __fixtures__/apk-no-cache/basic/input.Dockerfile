FROM alpine:3.20
RUN apk add curl
RUN apk add -U --virtual .build-deps gcc musl-dev
RUN apk -q add bash
