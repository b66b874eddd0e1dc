FROM debian:bookworm
# docker-codemod ignore=apt-update-before-install
RUN apt-get install -y curl
