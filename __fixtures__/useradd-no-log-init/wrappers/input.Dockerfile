FROM debian:bullseye
RUN sudo useradd -u 123456 app
RUN sh -c 'useradd -u 123456 svc'
RUN /usr/sbin/useradd -u 123456 web
