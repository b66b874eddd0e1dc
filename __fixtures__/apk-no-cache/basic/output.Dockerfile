FROM alpine:3.20
RUN apk add --no-cache curl
RUN apk add --no-cache -U --virtual .build-deps gcc musl-dev
RUN apk -q add --no-cache bash
