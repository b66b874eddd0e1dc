FROM debian:bookworm
RUN apt-get -q install -y a
RUN apt-get install -y --quiet a
