FROM ubuntu:24.04
RUN apt-get update && apt-get install -y curl && apt-get autoremove -y && apt-get clean
RUN apt-get -y --no-install-recommends install git \
    && apt-get purge -y vim
