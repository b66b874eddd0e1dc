FROM alpine:3.20
RUN apk update
COPY . /app
RUN apk upgrade && rm -rf /var/cache/apk/*
