FROM alpine:3.20
ARG SRC=.
ENV PKG=/tmp/pkg
ADD $SRC /app
ADD ${PKG} /pkg
