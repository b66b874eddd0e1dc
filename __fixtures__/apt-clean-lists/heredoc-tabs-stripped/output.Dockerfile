# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN <<-EOF
	apt-get update
	if [ -n "$WITH_MAKE" ]; then
		apt-get install -y make
	fi && rm -rf /var/lib/apt/lists/*
	EOF
