FROM alpine:3.20
RUN apk add --no-cache su-exec
COPY app /usr/local/bin/app
CMD chown -R nobody /data && exec su-exec nobody app
