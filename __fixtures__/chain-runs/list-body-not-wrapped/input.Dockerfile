FROM debian:bookworm-slim
RUN mkdir /data
RUN test -f /data/x || touch /data/x
