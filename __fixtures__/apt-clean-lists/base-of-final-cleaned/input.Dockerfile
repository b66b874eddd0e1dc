FROM debian:bookworm AS base
RUN apt-get update && apt-get install -y libssl3

FROM base
RUN apt-get update && apt-get install -y make
