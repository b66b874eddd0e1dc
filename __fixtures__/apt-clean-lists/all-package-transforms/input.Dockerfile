FROM debian:bookworm
RUN apt-get update
RUN apt-get install -y curl python3-pip
RUN pip3 install --break-system-packages requests
