FROM debian:bookworm
RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
RUN apt-get install -y nodejs

FROM ubuntu:22.04
RUN add-apt-repository ppa:deadsnakes/ppa && apt-get install -y python3.12

FROM ubuntu:22.04
COPY setup.sh /
RUN /setup.sh && apt-get install -y curl

FROM ubuntu:22.04
COPY rootfs/ /
RUN apt-get install -y curl

FROM ubuntu:22.04
RUN yes | unminimize && apt-get install -y man-db
