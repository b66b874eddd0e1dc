FROM php:8.2-apache

RUN apt-get -y update && apt-get -y upgrade

# Install tools
RUN apt-get -y install --fix-missing nano wget \
build-essential git curl=7.88.1-10 libcurl4:amd64 zip \
&& rm -rf /var/lib/apt/lists/*

# install GIT
RUN apt-get install -y git

# install CURL
RUN apt-get install -y curl libcurl4
