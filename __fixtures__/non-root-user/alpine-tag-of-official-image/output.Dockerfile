FROM golang:1.22-alpine
WORKDIR /go/src/app
RUN addgroup -S app && \
    adduser -S -G app app
COPY . .
RUN go build -o /usr/local/bin/app .
USER app
CMD ["app"]
