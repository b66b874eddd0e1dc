# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN <<EOF
apt-get update
apt-get install -y ruby
gem install --no-document bundler -v 2.5.0
EOF
