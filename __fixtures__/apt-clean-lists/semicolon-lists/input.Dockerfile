FROM debian:bookworm
RUN set -e; apt-get update; apt-get install -y make;
RUN apt-get update || true; apt-get install -y patch
