# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN cat <<EOF > /usr/local/bin/setup
apt-get update
apt-get install -y make
EOF
COPY <<EOF /usr/local/bin/other
apt-get update
apt-get install -y patch
EOF
