FROM alpine:3.20
RUN apk update && apk upgrade && rm -rf /var/cache/apk/* && apk add --no-cache curl
