FROM debian:bookworm-slim
RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
COPY docker-entrypoint.sh /usr/local/bin/
COPY app /usr/local/bin/app
USER app
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["app"]
