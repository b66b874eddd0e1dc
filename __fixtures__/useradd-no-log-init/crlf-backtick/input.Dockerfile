# escape=`
FROM debian:bookworm
RUN groupadd -g 123456 app && `
    useradd -u 123456 -g app app
