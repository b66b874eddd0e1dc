FROM alpine:3.20
ADD rootfs /
COPY readme /
