# escape=`
FROM alpine:3.20
RUN apk add --no-cache ca-certificates `
    tzdata
RUN addgroup -S app && `
    adduser -S -G app app
COPY app /usr/local/bin/app
USER app
CMD ["app"]
