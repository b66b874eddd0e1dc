FROM debian:bullseye
RUN useradd -l -clocal -u 123456 a
