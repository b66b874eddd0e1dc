# syntax=docker/dockerfile:1
FROM debian:bookworm
# No `set -e`: the script's status is its last command's. A cleanup on a line of its own would hide a failed
# install; joined with && it runs only after the install succeeded, and a failure still fails the build.
RUN <<EOF
apt-get update
apt-get install -y make
EOF
