FROM debian:bookworm
RUN useradd -l -clocal -u 123456 a
