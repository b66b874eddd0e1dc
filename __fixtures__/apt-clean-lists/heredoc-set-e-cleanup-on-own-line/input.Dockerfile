# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends \
    make \
    patch
echo done
EOF
