# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN <<EOF
apt update
apt install -y make
EOF
