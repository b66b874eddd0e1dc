# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN apt-get update && apt-get install -y make
RUN <<EOF
apt-get install -y patch && rm -rf /var/lib/apt/lists/*
EOF
