FROM debian:bookworm
RUN apt-get install -y curl && echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90yes
