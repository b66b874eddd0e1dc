FROM alpine:3.19
RUN rm -rf /var/cache/apk/* && apk add curl
RUN apk add -U bash \
    && rm -rf /var/cache/apk/* \
    && apk add git
RUN apk add make && rm -rf /var/cache/apk.bak
