# escape=`
FROM debian:bullseye
RUN groupadd -g 123456 app && `
    useradd -l -u 123456 -g app app
