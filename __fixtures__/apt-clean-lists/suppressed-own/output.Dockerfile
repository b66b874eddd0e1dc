FROM debian:bookworm
# the lists are read by the entrypoint
# docker-codemod ignore=apt-clean-lists
RUN apt-get update && apt-get install -y make
