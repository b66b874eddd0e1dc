FROM debian:bookworm
RUN DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata
RUN env DEBIAN_FRONTEND=noninteractive apt-get install -y curl
RUN sudo apt-get install -y git
RUN sh -c 'apt-get install -y make'
