# syntax=docker/dockerfile:1
FROM debian:bullseye
RUN <<EOF
groupadd -g 123456 app
useradd -l -u 123456 -g app -m app
EOF
