FROM debian:bookworm
ARG PACKAGES
RUN apt-get update && apt-get install -y ca-certificates $PACKAGES
RUN cat /tmp/packages.txt | xargs apt-get install -y
