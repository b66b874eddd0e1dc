# escape=`
FROM debian:bookworm
RUN gpg --import /tmp/key.asc && `
    gpg --verify /tmp/a.asc /tmp/a
