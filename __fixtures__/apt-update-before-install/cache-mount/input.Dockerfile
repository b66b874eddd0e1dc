# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN --mount=type=cache,target=/var/lib/apt apt-get update
RUN apt-get install -y curl

FROM debian:bookworm
RUN --mount=type=cache,target=/var/lib/apt/lists apt-get install -y curl
