FROM debian:bookworm
RUN apt-get install --assume-no curl
RUN apt-get install --trivial-only curl
RUN apt-get install -o APT::Get::Assume-Yes=false curl
