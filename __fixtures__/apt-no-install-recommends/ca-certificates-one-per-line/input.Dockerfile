FROM debian:bookworm
RUN apt-get update && apt-get install -y \
        wget \
        unzip \
        xz-utils \
    && wget -q https://example.com/tool.tar.xz
