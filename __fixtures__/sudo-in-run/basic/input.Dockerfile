FROM ubuntu:24.04
RUN sudo apt-get update && sudo apt-get install -y curl
RUN sudo -E make install && sudo -u root ldconfig && sudo --preserve-env=PATH -H true
