FROM debian:bookworm
RUN apt-get update && \
    apt-get install --no-install-recommends -y build-essential curl python3-dev python3-pip && \
    pip3 install --no-cache-dir --break-system-packages requests && \
    rm -rf /var/lib/apt/lists/*
