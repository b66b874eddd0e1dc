# syntax=docker/dockerfile:1
FROM debian:bookworm
# BuildKit strips the tabs inside the quoted string too: the model does not read this script.
RUN <<-EOF
	apt-get update
	apt-get install -y make && echo "installed:
		make"
	EOF
