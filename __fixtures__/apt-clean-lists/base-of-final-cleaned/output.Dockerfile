FROM debian:bookworm AS base
RUN apt-get update && apt-get install -y libssl3 && rm -rf /var/lib/apt/lists/*

FROM base
RUN apt-get update && apt-get install -y make && rm -rf /var/lib/apt/lists/*
