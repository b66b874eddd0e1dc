FROM ubuntu:24.04
RUN sudo apt install -y curl
RUN DEBIAN_FRONTEND=noninteractive /usr/bin/apt install -y git
RUN bash -c "apt install -y make"
