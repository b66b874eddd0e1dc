FROM debian:bookworm
RUN printf 'APT::Get::Assume-Yes "1";\n' > /etc/apt/apt.conf.d/90yes && apt-get install curl
