FROM ubuntu:24.04
RUN sudo apt-get install -y curl
RUN DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get install -y git
RUN bash -c "apt-get install -y make"
