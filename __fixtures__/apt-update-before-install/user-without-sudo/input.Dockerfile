FROM debian:bookworm
USER app
RUN apt-get install -y curl
