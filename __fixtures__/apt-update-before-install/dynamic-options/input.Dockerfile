FROM debian:bookworm
RUN apt-get $APT_OPTS install -y curl
