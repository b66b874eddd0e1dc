FROM debian
RUN ( test -f /etc/debian_version || exit 0 ) && \
    ( exec echo replaced ) && \
    echo after
