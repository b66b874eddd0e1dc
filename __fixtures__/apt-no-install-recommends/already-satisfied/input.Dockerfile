FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN apt-get install -y -o APT::Install-Recommends=false make
RUN apt-get install -y -o APT::Install-Recommends=0 gcc
RUN apt-get install -y --option=APT::Install-Recommends=false wget
