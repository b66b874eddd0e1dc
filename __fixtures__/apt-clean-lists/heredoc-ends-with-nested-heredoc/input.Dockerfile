# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN <<EOF
apt-get update
apt-get install -y make
cat > /etc/apt/apt.conf.d/99local <<'CONF'
APT::Get::Assume-Yes "true";
CONF
EOF
