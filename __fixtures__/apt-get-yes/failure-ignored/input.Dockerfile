FROM debian:bookworm
RUN apt-get remove vim || true
RUN if apt-get install curl; then echo ok; fi
RUN ! apt-get install git
