FROM debian:bookworm
RUN DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata

FROM debian:bookworm
RUN sudo apt-get install -y curl

FROM debian:bookworm
RUN sh -c 'apt-get install -y jq'

FROM debian:bookworm
RUN env LC_ALL=C.UTF-8 apt-get -o Dpkg::Options::=--force-confnew install -y git
