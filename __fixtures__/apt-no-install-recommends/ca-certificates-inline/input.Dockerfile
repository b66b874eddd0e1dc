FROM debian:bookworm
RUN apt-get update && apt-get install -y curl unzip
RUN apt-get install -y make gcc && apt-get install -y wget
