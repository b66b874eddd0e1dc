FROM debian:bookworm
ARG PACKAGES
RUN apt-get update && apt-get install --no-install-recommends -y $PACKAGES
RUN apt-get install --no-install-recommends -y $(cat /tmp/packages.txt) curl ca-certificates
