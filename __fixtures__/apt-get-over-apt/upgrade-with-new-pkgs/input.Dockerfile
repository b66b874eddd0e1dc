FROM ubuntu:24.04
RUN apt update && apt upgrade -y && apt --with-new-pkgs upgrade -y
