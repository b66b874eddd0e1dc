FROM debian:bookworm
ARG PACKAGES
RUN apt-get update && apt-get install -y $PACKAGES
RUN apt-get install -y $(cat /tmp/packages.txt) curl
