# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN apt-get update && apt-get install -y git
RUN --mount=type=ssh git clone git@github.com:example/private.git /src
