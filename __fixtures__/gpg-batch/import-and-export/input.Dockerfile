FROM debian:bookworm
COPY key.asc /tmp/
RUN gpg --import /tmp/key.asc && gpg --export 0xABCDEF > /etc/apt/trusted.gpg.d/example.gpg
RUN gpg2 --recv-key ABCDEF && sudo gpg --import /tmp/key.asc
