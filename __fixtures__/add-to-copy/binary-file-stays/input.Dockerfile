FROM alpine:3.20
ADD rootfs /
ADD readme /
