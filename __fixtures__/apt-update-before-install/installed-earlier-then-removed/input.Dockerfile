FROM debian:bookworm AS base
RUN apt-get update && apt-get install -y git curl wget make && rm -rf /var/lib/apt/lists/*

FROM base AS removed
RUN apt-get purge -y libcurl4
RUN apt-get install -y curl

FROM base AS dpkg-removed
RUN dpkg -r wget
RUN apt-get install -y wget

FROM base AS maybe-skipped
RUN if [ -n "$X" ]; then apt-get update && apt-get install -y vim; fi && rm -rf /var/lib/apt/lists/*
RUN apt-get install -y vim

FROM base AS kept
RUN apt-get install -y git
