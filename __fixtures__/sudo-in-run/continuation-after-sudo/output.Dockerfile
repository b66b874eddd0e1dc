FROM debian:bookworm
RUN sudo \
    apt-get update
