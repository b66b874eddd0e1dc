FROM debian:bookworm-slim
COPY rootfs/ /
RUN chmod 0755 /usr/local/bin/app
CMD ["app"]
