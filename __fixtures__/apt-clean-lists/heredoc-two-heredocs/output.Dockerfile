# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN <<ONE <<TWO
apt-get update
ONE
apt-get install -y make
TWO
