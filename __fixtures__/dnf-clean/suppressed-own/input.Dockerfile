FROM fedora:40
# docker-codemod ignore=dnf-clean
RUN dnf install -y make
