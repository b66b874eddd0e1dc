# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \
    --mount=type=cache,target=/var/cache/apt,sharing=locked \
    apt-get update && apt-get install -y make
RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y patch
RUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y jq
