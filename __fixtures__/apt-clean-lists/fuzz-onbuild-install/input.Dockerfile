FROM debian:bookworm
RUN apt-get update && apt-get install -y curl
ONBUILD RUN apt-get install -y git
