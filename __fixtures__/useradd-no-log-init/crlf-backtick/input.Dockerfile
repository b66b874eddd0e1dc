# escape=`
FROM debian:bullseye
RUN groupadd -g 123456 app && `
    useradd -u 123456 -g app app
