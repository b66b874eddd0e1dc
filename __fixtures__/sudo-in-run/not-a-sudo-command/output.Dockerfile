FROM ubuntu:24.04
RUN apt-get install -y sudo && which sudo && echo "sudo make me a sandwich"
