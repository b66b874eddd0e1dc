FROM debian:bookworm
RUN apt-get update && apt-get install -y make
ONBUILD RUN apt-get update && apt-get install -y patch
