FROM debian:bookworm
RUN ["apt-get", "install", "-y", "curl"]
RUN <<EOT
apt-get install -y jq
EOT
