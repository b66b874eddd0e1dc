FROM debian:bookworm
# hadolint ignore=DL3009
RUN apt-get update && apt-get install -y make
