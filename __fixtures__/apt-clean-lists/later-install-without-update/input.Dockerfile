FROM debian:bookworm
RUN apt-get update
COPY requirements.txt /tmp/
RUN apt-get install -y make
RUN apt-get install -y patch
