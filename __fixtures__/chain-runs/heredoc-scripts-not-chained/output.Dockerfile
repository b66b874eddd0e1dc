# syntax=docker/dockerfile:1
FROM debian
RUN <<EOF
apt-get update
apt-get install -y make
EOF
RUN <<EOF
make --version
EOF
RUN echo done
