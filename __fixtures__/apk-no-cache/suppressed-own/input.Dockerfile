FROM alpine:3.20
# docker-codemod ignore=apk-no-cache
RUN apk add curl
