FROM debian:bookworm
RUN sh -c 'apt-get update && apt-get install -y make'
RUN bash -c "apt-get install -y curl"
