FROM debian
RUN test -f /etc/debian_version || exit 0
RUN exec echo replaced
RUN echo after
