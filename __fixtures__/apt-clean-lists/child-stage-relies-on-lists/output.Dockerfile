FROM debian:bookworm AS base
RUN apt-get update && apt-get install -y libssl3

FROM base AS build
RUN apt-get install -y gcc

FROM base
COPY --from=build /etc/hostname /tmp/
