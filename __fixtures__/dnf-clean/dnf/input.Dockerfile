FROM fedora:40
RUN dnf install -y make
RUN dnf -y install gcc && \
    dnf -y install patch
