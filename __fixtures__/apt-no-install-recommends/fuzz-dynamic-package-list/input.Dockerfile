FROM debian:bookworm
ARG PKGS="curl git"
RUN apt-get update && apt-get install -y $PKGS
RUN curl -fsSL https://example.com/install.sh -o /tmp/install.sh
