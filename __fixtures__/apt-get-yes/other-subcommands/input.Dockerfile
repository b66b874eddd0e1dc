FROM ubuntu:22.04
RUN apt-get update && apt-get upgrade && apt-get dist-upgrade
RUN apt-get remove vim && apt-get purge nano && apt-get autoremove
RUN apt-get build-dep python3
