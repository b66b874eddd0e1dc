# escape=`
FROM debian:bookworm
RUN curl -fsSLo install.sh https://example.com/install.sh && `
    sh install.sh
