# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
COPY app /usr/local/bin/app
COPY --chmod=755 <<EOF /usr/local/bin/start
#!/bin/sh
echo "starting app"
exec app "$@"
EOF
USER app
CMD ["start"]
