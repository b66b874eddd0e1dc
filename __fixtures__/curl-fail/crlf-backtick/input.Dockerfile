# escape=`
FROM debian:bookworm
RUN curl -sSLo install.sh https://example.com/install.sh && `
    sh install.sh
