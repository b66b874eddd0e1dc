FROM debian:bookworm
ARG V=1.2
RUN wget https://example.com/tool-$V/tool-$V-linux.tar.gz && tar xzf tool-$V-linux.tar.gz -C /opt && rm -f tool-$V-linux.tar.gz
