FROM ubuntu:24.04
USER app
RUN sudo apt-get update
USER root
RUN sudo apt-get install -y curl
USER 0:0
RUN sudo sh -c 'echo hi > /etc/motd'
