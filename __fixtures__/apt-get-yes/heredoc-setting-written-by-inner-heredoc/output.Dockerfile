# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN <<EOF
cat > /etc/apt/apt.conf.d/90yes <<'CONF'
APT::Get::Assume-Yes "true";
CONF
apt-get update
apt-get install curl
EOF
