FROM fedora:40
RUN dnf update -y; \
  dnf install -y make \
      patch && \
  dnf clean all
