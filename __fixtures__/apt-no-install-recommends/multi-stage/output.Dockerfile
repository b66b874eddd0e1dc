FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y gcc make

FROM debian:bookworm-slim
RUN apt-get update && apt-get install --no-install-recommends -y libssl3
