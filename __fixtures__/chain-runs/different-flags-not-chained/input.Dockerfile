FROM debian
RUN --mount=type=cache,target=/var/cache/apt apt-get update
RUN apt-get install -y curl
