FROM fedora:40
RUN set -eux; \
    dnf install -y \
        make \
        patch && \
    dnf clean all
