FROM debian:bookworm AS base
RUN apt-get update && apt-get install --no-install-recommends -y ca-certificates

FROM base
RUN apt-get update && apt-get install --no-install-recommends -y curl
RUN apt-get install --no-install-recommends -y git python3-pip
