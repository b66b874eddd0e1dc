FROM example.com/platform/tools:1.0
RUN apk add --no-cache curl
RUN addgroup -S app && \
    adduser -S -G app app
COPY --from=ghcr.io/example/fetcher:1.3 /fetcher /usr/local/bin/fetcher
USER app
ENTRYPOINT ["fetcher"]
CMD ["--interval", "60"]
