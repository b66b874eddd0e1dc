FROM debian:bookworm
RUN apt-get update && apt-get install -y sudo && rm -rf /var/lib/apt/lists/*
USER builder
RUN sudo apt-get update && sudo apt-get install -y make
