FROM ubuntu:24.04
ARG CMD=install
RUN apt $CMD -y curl
RUN "apt" install -y curl
RUN ["apt", "install", "-y", "curl"]
RUN echo apt install curl && cp /etc/apt/sources.list /tmp/
ONBUILD RUN apt install -y curl
