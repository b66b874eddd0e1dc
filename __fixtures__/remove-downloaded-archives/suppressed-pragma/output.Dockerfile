FROM debian:bookworm
# docker-codemod ignore=remove-downloaded-archives
RUN curl -fsSL -o /tmp/go.tar.gz https://go.dev/dl/go.tar.gz && tar -C /usr/local -xzf /tmp/go.tar.gz
