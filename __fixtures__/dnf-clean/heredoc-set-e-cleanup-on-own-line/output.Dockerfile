# syntax=docker/dockerfile:1
FROM fedora:40
RUN <<EOF
set -e
dnf install -y make
dnf install -y patch
dnf clean all
EOF
