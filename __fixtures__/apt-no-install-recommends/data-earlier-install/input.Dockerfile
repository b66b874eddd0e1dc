FROM debian:bookworm AS tools
RUN apt-get update && apt-get install --no-install-recommends -y cmake make gcc libc6-dev
FROM tools
RUN apt-get update && apt-get install -y cmake-data cmake
