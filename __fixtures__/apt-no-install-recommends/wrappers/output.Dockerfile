FROM ubuntu:22.04
RUN DEBIAN_FRONTEND=noninteractive apt-get install --no-install-recommends -y make
RUN sudo -E apt-get install --no-install-recommends -y make
RUN env DEBIAN_FRONTEND=noninteractive apt-get install --no-install-recommends -y make
RUN cat /tmp/packages.txt | xargs apt-get install -y
