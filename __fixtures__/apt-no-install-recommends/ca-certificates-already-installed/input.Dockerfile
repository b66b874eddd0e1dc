FROM debian:bookworm AS base
RUN apt-get update && apt-get install -y ca-certificates

FROM base
RUN apt-get update && apt-get install -y curl
RUN apt-get install -y git python3-pip
