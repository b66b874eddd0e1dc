FROM alpine:3.20
RUN apk add --no-cache ca-certificates && \
    mkdir -p /var/lib/tracker/db
COPY tracker /usr/local/bin/tracker
ENV TRACKER_DB=/var/lib/tracker/db/tracker.sqlite
ENTRYPOINT ["/usr/local/bin/tracker"]
