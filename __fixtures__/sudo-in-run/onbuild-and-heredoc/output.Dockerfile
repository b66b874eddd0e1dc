FROM debian:bookworm
ONBUILD RUN sudo apt-get update
RUN <<EOT
sudo apt-get update
EOT
