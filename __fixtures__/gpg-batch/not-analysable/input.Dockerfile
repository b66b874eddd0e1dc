FROM debian:bookworm
RUN ["gpg", "--import", "/tmp/key.asc"]
