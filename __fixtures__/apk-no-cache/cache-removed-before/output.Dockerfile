FROM alpine:3.19
RUN rm -rf /var/cache/apk/* && apk add --no-cache curl
RUN apk add -U bash \
    && rm -rf /var/cache/apk/* \
    && apk add --no-cache git
RUN apk add --no-cache make && rm -rf /var/cache/apk.bak
