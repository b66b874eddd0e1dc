FROM debian:bookworm
SHELL ["pwsh", "-Command"]
RUN apt-get install -y curl
