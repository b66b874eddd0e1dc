# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN <<EOF
cat > /etc/apt/apt.conf.d/99no-recommends <<'CONF'
APT::Install-Recommends "false";
CONF
apt-get update
apt-get install -y curl
EOF
