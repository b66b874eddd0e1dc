FROM debian:bookworm-slim
RUN groupadd --system --gid 10001 svc && \
    useradd --system --no-log-init --uid 10001 --gid svc --create-home svc
COPY app /usr/local/bin/app
USER 10001:10001
CMD ["app"]
