FROM debian:bookworm-slim
RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
COPY app /usr/local/bin/app
USER app
CMD ["app"]