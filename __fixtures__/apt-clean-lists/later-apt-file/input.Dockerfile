FROM debian:bookworm
RUN apt-get update && apt-get install -y apt-file apt-rdepends && apt-file update
RUN apt-file search bin/convert > /tmp/convert.txt
RUN /usr/bin/apt-rdepends curl > /tmp/deps.txt
