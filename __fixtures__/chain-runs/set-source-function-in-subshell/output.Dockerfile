FROM debian
RUN ( set -eux ) && \
    ( . /etc/os-release ) && \
    ( greet() { echo hi; } ) && \
    ( umask 077 ) && \
    echo done
