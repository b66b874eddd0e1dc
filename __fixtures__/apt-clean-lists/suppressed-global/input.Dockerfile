FROM debian:bookworm
# hadolint global ignore=DL3008, DL3009
RUN apt-get update && apt-get install -y make
