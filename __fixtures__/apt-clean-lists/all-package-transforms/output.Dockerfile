FROM debian:bookworm
RUN apt-get update && \
    apt-get install --no-install-recommends -y build-essential curl python3-dev python3-pip && \
    rm -rf /var/lib/apt/lists/*
RUN pip3 install --no-cache-dir --break-system-packages requests
