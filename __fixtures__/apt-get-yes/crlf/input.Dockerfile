FROM debian:bookworm
RUN apt-get update && \
    apt-get install curl
