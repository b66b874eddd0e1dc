FROM debian
RUN (cd /tmp && make) | tee log && \
    echo $(cd / && pwd) && \
    true
