FROM debian:bookworm-slim
RUN mkdir -p /opt/report && echo 4 > /opt/report/count
RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
USER app
CMD ["cat", "/opt/report/count"]
