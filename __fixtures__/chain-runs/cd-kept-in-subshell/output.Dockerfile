FROM debian
RUN ( cd /usr/src ) && \
    ls
