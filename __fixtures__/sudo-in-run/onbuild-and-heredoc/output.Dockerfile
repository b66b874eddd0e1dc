FROM debian:bookworm
ONBUILD RUN sudo apt-get update
RUN <<EOT
apt-get update
EOT
