FROM debian:bookworm AS base
RUN apt-get update && apt-get install -y make
ONBUILD RUN apt-get install -y patch

FROM base
RUN make --version
