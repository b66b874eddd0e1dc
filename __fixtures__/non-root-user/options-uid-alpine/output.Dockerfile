FROM alpine:3.20
RUN addgroup -S -g 10001 svc && \
    adduser -S -G svc -u 10001 svc
COPY app /usr/local/bin/app
USER 10001:10001
CMD ["app"]
