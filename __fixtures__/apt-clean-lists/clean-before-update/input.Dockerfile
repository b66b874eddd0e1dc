FROM debian:bookworm
RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y make
