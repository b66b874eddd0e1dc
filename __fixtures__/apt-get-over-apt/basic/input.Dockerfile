FROM ubuntu:24.04
RUN apt update && apt install -y curl && apt autoremove -y && apt clean
RUN apt -y --no-install-recommends install git \
    && apt purge -y vim
