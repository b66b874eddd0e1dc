FROM debian:bookworm
RUN apt-get update \
    && apt-get install --no-install-recommends -y \
        build-essential \
        ca-certificates \
        curl \
        git \
    && curl -fsSL https://example.com/install.sh -o /tmp/install.sh
