# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN <<-EOF
	apt-get update
	apt-get install --no-install-recommends -y make
	EOF
