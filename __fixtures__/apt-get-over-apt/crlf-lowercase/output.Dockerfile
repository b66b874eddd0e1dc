from ubuntu:24.04
run apt-get update && \
    apt-get install -y curl
