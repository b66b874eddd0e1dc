# syntax=docker/dockerfile:1
FROM alpine:3.20
RUN <<EOF
apk update
apk add git
EOF
