FROM debian:bookworm AS build
RUN apt-get update && apt-get install --no-install-recommends -y gcc libc6-dev make

FROM debian:bookworm-slim
RUN apt-get update && apt-get install --no-install-recommends -y libssl3
