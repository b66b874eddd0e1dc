FROM debian:bookworm
# hadolint ignore=DL3027
RUN apt update && apt install -y curl
