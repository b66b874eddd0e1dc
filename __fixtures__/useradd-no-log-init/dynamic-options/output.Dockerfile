FROM debian:bullseye
ARG OPTS
RUN useradd $OPTS -u 123456 app
