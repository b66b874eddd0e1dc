FROM debian:bookworm
RUN apt-get update \
    && apt-get install -y \
        build-essential \
        curl \
        git \
    && curl -fsSL https://example.com/install.sh -o /tmp/install.sh
