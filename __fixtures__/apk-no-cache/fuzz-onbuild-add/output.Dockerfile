FROM alpine:3.19
RUN apk update && apk add --no-cache curl
ONBUILD RUN apk add git
