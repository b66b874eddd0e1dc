FROM debian:bookworm-slim
RUN mkdir -p /opt/report && echo 4 > /opt/report/count
CMD ["cat", "/opt/report/count"]
