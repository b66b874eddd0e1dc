FROM debian:bullseye
RUN useradd -clocal -u 123456 a
