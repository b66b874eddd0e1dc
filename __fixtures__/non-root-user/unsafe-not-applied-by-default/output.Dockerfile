FROM alpine:3.20
RUN apk add --no-cache ca-certificates curl
COPY bin/tool /usr/local/bin/tool
ENTRYPOINT ["/usr/local/bin/tool"]
