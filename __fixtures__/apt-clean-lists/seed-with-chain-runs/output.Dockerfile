FROM ubuntu:14.04
RUN apt-get update -y && \
    apt-get install --no-install-recommends -y python-pip python-dev build-essential && \
    rm -rf /var/lib/apt/lists/*
