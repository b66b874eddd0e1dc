FROM debian:bookworm
RUN apt-get update && apt-get install -y make
COPY install-extras.sh /tmp/
RUN /tmp/install-extras.sh
