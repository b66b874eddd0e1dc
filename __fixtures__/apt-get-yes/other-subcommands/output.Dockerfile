FROM ubuntu:22.04
RUN apt-get update && apt-get upgrade -y && apt-get dist-upgrade -y
RUN apt-get remove -y vim && apt-get purge -y nano && apt-get autoremove -y
RUN apt-get build-dep -y python3
