# syntax=docker/dockerfile:1
FROM fedora:40
RUN <<EOF
dnf install -y make && dnf clean all
EOF
