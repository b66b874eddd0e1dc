FROM debian:bookworm-slim
COPY src /src
RUN apt-get update && apt-get install -y --no-install-recommends gcc make libc6-dev && rm -rf /var/lib/apt/lists/* && \
    make -C /src install && \
    apt-get purge -y --auto-remove gcc make libc6-dev
