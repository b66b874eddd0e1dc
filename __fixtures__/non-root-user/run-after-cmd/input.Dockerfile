FROM debian:bookworm-slim
COPY app /usr/local/bin/app
CMD ["app"]
RUN chmod 0755 /usr/local/bin/app
