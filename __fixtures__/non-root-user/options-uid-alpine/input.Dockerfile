FROM alpine:3.20
COPY app /usr/local/bin/app
CMD ["app"]
