FROM debian:bookworm
ARG V=1.2
RUN wget -q https://example.com/tool-${V}.tar.gz && tar -xzf "tool-${V}.tar.gz" -C /opt && rm -f "tool-${V}.tar.gz"
RUN wget -q https://example.com/other-$V.zip && unzip other-$V.zip -d /opt && cd /opt && ./other-$V/setup && rm -f /other-$V.zip
