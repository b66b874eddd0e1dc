FROM debian:bookworm
RUN apt-get -y install make
RUN apt-get -qq -y install make
RUN apt-get -o Dpkg::Options::=--force-confold -y install make
RUN apt -y install make
