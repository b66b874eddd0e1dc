FROM debian:bookworm
RUN useradd -clocal -u 123456 a
