# escape=`
FROM debian:bookworm
RUN <<EOF
apt-get update
apt-get install --no-install-recommends -y \
    ca-certificates \
    curl \
    git
EOF
