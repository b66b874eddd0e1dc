FROM debian:bullseye
RUN ["useradd", "-u", "123456", "app"]
ONBUILD RUN useradd -u 123456 app
