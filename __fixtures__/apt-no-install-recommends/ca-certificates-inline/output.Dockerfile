FROM debian:bookworm
RUN apt-get update && apt-get install --no-install-recommends -y ca-certificates curl unzip
RUN apt-get install --no-install-recommends -y make gcc libc6-dev && apt-get install --no-install-recommends -y wget
