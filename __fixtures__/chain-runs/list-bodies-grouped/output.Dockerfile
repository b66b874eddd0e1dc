FROM debian
RUN ( mkdir -p /out; touch /out/a ) && \
    ( test -d /x || mkdir /x ) && \
    ( sleep 1 & ) && \
    true
