FROM fedora:40 AS build
RUN dnf install -y gcc

FROM fedora:40
RUN dnf install -y openssl && dnf clean all
