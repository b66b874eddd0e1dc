FROM debian:bookworm-slim
RUN cat /etc/os-release > /etc/build-info
RUN uname -a >> /etc/build-info
