FROM debian:bookworm
RUN sh -c 'apt-get update && apt-get install --no-install-recommends -y make'
RUN bash -c "apt-get install --no-install-recommends -y curl ca-certificates"
