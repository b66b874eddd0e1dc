# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
COPY app /usr/local/bin/app
COPY --chmod=755 <<EOF /usr/local/bin/start
#!/bin/sh
chown -R nobody /var/lib/app
exec runuser -u nobody -- app
EOF
CMD ["start"]
