FROM debian:bookworm
USER builder
RUN apt-get update && apt-get install -y make
