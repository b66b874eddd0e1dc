FROM debian
RUN set -eux
RUN . /etc/os-release
RUN greet() { echo hi; }
RUN umask 077
RUN echo done
