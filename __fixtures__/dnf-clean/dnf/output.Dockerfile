FROM fedora:40
RUN dnf install -y make && dnf clean all
RUN dnf -y install gcc && \
    dnf -y install patch && \
    dnf clean all
