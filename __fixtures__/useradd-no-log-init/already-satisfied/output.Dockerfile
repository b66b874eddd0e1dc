FROM debian:bullseye
RUN useradd -l -u 123456 a
RUN useradd --no-log-init -u 123456 b
RUN useradd -lmu 123456 c
RUN useradd -rl -u 123456 d
