FROM alpine:3.19
RUN apk add -U curl \
    && rm -rf /var/cache/apk/*
RUN apk add --update bash ca-certificates && rm -rf /var/cache/apk
RUN apk update && apk add git && rm -rf /tmp/* /var/cache/apk/
RUN apk add --virtual .build-deps gcc \
    && make \
    && apk del .build-deps \
    && rm -rf /var/cache/apk/* /tmp/*
