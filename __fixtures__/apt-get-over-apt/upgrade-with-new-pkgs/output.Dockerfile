FROM ubuntu:24.04
RUN apt-get update && apt-get upgrade --with-new-pkgs -y && apt-get --with-new-pkgs upgrade -y
