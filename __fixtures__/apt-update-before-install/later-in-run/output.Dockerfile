FROM ubuntu:24.04
RUN mkdir -p /opt/app && apt-get update && apt-get install -y make
