FROM alpine:3.20
RUN apk add --no-cache su-exec
COPY scripts/entry.sh /usr/local/bin/docker-entrypoint
COPY app /usr/local/bin/app
ENTRYPOINT ["docker-entrypoint"]
CMD ["app"]
