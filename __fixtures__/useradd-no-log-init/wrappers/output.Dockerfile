FROM debian:bullseye
RUN sudo useradd -l -u 123456 app
RUN sh -c 'useradd -l -u 123456 svc'
RUN /usr/sbin/useradd -l -u 123456 web
