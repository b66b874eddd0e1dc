FROM debian:bookworm
RUN apt-get update && apt-get install curl
RUN apt-get install --no-install-recommends \
        git \
        make
