FROM debian:bookworm
# docker-codemod ignore=gpg-batch
RUN gpg --import /tmp/key.asc
