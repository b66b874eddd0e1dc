FROM debian:bookworm-slim
COPY rootfs/ /
RUN chmod 0755 /usr/local/bin/app
RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
USER app
CMD ["app"]
