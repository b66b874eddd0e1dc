FROM alpine:3.20
RUN apk add --no-cache ca-certificates && \
    mkdir -p /var/lib/tracker/db
RUN addgroup -S app && \
    adduser -S -G app app && \
    chown app:app /var/lib/tracker/db
COPY tracker /usr/local/bin/tracker
ENV TRACKER_DB=/var/lib/tracker/db/tracker.sqlite
USER app
ENTRYPOINT ["/usr/local/bin/tracker"]
