# hadolint global ignore=DL3015
FROM debian:bookworm
RUN apt-get update && apt-get install -y make
