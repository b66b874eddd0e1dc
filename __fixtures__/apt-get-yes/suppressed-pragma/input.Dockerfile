FROM debian:bookworm
# hadolint ignore=DL3014
RUN apt-get update && apt-get install curl
