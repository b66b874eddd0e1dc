# hadolint global ignore=DL3040
FROM fedora:40
RUN dnf install -y make
