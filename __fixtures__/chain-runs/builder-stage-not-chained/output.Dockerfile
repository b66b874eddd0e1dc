FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go vet ./...
RUN go build -o /out/app .
RUN strip /out/app

FROM debian:bookworm-slim
COPY --from=build /out/app /usr/local/bin/app
CMD ["app"]
