FROM debian:bookworm
COPY app.deb /tmp/
RUN apt-get update && apt-get install -y /tmp/app.deb
