FROM debian:bookworm
ARG PACKAGES
RUN apt-get update && apt-get install --no-install-recommends -y ca-certificates $PACKAGES
RUN cat /tmp/packages.txt | xargs apt-get install --no-install-recommends -y
