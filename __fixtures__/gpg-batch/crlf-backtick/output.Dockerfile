# escape=`
FROM debian:bookworm
RUN gpg --batch --import /tmp/key.asc && `
    gpg --batch --verify /tmp/a.asc /tmp/a
