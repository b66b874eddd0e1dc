FROM debian:bookworm-slim
RUN cat /etc/os-release > /etc/build-info && \
    uname -a >> /etc/build-info
