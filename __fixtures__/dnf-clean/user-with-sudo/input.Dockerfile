FROM fedora:40
USER builder
RUN sudo dnf install -y make
