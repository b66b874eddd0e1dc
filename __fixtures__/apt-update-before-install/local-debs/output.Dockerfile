FROM debian:bookworm
COPY tool.deb /tmp/
RUN apt-get install -y /tmp/tool.deb
RUN apt-get install -y ./tool.deb ./lib.deb
RUN apt-get install -y $PACKAGES
RUN apt-get update && apt-get install -y ./tool.deb jq
