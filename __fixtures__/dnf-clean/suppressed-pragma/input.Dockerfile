FROM fedora:40
# hadolint ignore=DL3040
RUN dnf install -y make
