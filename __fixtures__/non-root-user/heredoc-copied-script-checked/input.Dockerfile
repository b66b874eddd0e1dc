# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
COPY app /usr/local/bin/app
COPY --chmod=755 <<EOF /usr/local/bin/start
#!/bin/sh
echo "starting app"
exec app "$@"
EOF
CMD ["start"]
