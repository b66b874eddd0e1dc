FROM debian:bookworm
RUN apt-get update && apt-get install -y curl gnupg
COPY nodesource.list /etc/apt/sources.list.d/
RUN apt-get update && apt-get install -y nodejs
