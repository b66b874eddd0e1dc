FROM debian:bookworm
RUN gpg --batch --import /tmp/key.asc
RUN gpg --no-tty --recv-keys ABCDEF
RUN gpg --list-keys && gpg --fingerprint ABCDEF
RUN echo batch >> /root/.gnupg/gpg.conf
RUN gpg --import /tmp/key.asc
