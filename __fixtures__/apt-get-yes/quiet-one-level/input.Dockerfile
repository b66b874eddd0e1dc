FROM debian:bookworm
RUN apt-get -q install a
RUN apt-get install --quiet a
