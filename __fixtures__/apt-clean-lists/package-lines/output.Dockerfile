FROM debian:bookworm
RUN apt-get update && apt-get install -y \
        make \
        patch && \
        rm -rf /var/lib/apt/lists/*
RUN mkdir -p /src && \
    chown nobody /src
