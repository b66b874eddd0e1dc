FROM example.com/platform/tools:1.0
RUN apk add --no-cache curl
COPY --from=ghcr.io/example/fetcher:1.3 /fetcher /usr/local/bin/fetcher
ENTRYPOINT ["fetcher"]
CMD ["--interval", "60"]
