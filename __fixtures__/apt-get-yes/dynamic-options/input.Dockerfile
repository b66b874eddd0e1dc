FROM debian:bookworm
ARG APT_OPTS
RUN apt-get $APT_OPTS install curl
