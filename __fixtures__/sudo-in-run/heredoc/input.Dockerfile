# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN <<EOF
sudo apt-get update
sudo apt-get install -y --no-install-recommends make
sudo rm -rf /var/lib/apt/lists/*
EOF
