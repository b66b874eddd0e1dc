FROM debian:bookworm-slim
COPY docker-entrypoint.sh /usr/local/bin/
COPY app /usr/local/bin/app
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["app"]
