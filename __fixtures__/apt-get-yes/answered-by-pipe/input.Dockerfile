FROM debian:bookworm
RUN yes | apt-get install curl
RUN echo y | sudo apt-get install git
