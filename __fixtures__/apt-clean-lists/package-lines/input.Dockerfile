FROM debian:bookworm
RUN apt-get update && apt-get install -y \
        make \
        patch
RUN mkdir -p /src && \
    chown nobody /src
