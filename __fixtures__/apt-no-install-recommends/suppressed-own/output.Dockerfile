FROM debian:bookworm
# docker-codemod ignore=apt-no-install-recommends
RUN apt-get update && apt-get install -y make
