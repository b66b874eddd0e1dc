FROM debian:bookworm
RUN ["apt-get", "install", "curl"]
RUN sh <<EOF
apt-get install curl
EOF
ONBUILD RUN apt-get install curl
