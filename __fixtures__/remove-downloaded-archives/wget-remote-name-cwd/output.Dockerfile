FROM debian:bookworm-slim
WORKDIR /opt
RUN wget -q https://example.com/releases/tool-1.2.tar.xz && tar -xJf tool-1.2.tar.xz && rm -f tool-1.2.tar.xz
