FROM debian:bookworm AS base
RUN apt-get update && apt-get install -y ca-certificates

FROM base AS with-lists
RUN apt-get install -y curl

FROM debian:bookworm AS cleaned
RUN apt-get update && apt-get install -y ca-certificates && rm -rf /var/lib/apt/lists/*

FROM cleaned
RUN apt-get install -y curl
