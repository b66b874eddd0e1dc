FROM debian:bookworm
RUN DEBIAN_FRONTEND=noninteractive apt-get install tzdata
RUN env DEBIAN_FRONTEND=noninteractive apt-get install curl
RUN sudo apt-get install git
RUN sh -c 'apt-get install make'
