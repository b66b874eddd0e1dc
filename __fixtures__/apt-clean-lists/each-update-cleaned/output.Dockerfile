FROM debian:bookworm
RUN apt-get update && apt-get install -y curl gnupg && rm -rf /var/lib/apt/lists/*
COPY nodesource.list /etc/apt/sources.list.d/
RUN apt-get update && apt-get install -y nodejs && rm -rf /var/lib/apt/lists/*
