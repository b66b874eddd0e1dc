FROM alpine:3.20
RUN apk add --no-cache ca-certificates curl
RUN addgroup -S app && \
    adduser -S -G app app
COPY bin/tool /usr/local/bin/tool
USER app
ENTRYPOINT ["/usr/local/bin/tool"]
