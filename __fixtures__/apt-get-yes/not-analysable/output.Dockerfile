FROM debian:bookworm
RUN ["apt-get", "install", "curl"]
RUN <<EOF
apt-get install curl
EOF
ONBUILD RUN apt-get install curl
