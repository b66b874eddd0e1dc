FROM debian:bookworm
COPY key.asc /tmp/
RUN gpg --batch --import /tmp/key.asc && gpg --batch --export 0xABCDEF > /etc/apt/trusted.gpg.d/example.gpg
RUN gpg2 --batch --recv-key ABCDEF && sudo gpg --batch --import /tmp/key.asc
