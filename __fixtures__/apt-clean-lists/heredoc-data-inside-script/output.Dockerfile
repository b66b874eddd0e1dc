# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN <<EOF
cat > /usr/local/bin/setup <<'SCRIPT'
apt-get update
apt-get install -y make
SCRIPT
chmod +x /usr/local/bin/setup
EOF
