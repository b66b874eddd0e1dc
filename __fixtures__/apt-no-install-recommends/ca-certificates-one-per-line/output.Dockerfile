FROM debian:bookworm
RUN apt-get update && apt-get install --no-install-recommends -y \
        wget \
        unzip \
        xz-utils \
        ca-certificates \
    && wget -q https://example.com/tool.tar.xz
