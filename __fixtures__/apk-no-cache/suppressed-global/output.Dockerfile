# hadolint global ignore=DL3019
FROM alpine:3.20
RUN apk add curl
RUN apk -q add bash
