FROM debian:bookworm
RUN set -e; apt-get update; apt-get install -y make && rm -rf /var/lib/apt/lists/*;
RUN apt-get update || true; apt-get install -y patch && rm -rf /var/lib/apt/lists/*
