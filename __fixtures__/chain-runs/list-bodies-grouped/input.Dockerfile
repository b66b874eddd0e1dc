FROM debian
RUN mkdir -p /out; touch /out/a
RUN test -d /x || mkdir /x
RUN sleep 1 &
RUN true
