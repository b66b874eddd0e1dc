# syntax=docker/dockerfile:1
FROM debian:bookworm
ARG VERSION=1.0
RUN <<'EOF'
apt-get update
apt-get install -y "make=$VERSION"  # pinned
EOF
