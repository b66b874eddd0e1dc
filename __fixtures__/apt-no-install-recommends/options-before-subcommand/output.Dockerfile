FROM debian:bookworm
RUN apt-get -y install --no-install-recommends make
RUN apt-get -qq -y install --no-install-recommends make
RUN apt-get -o Dpkg::Options::=--force-confold -y install --no-install-recommends make
RUN apt -y install --no-install-recommends make
