FROM debian
RUN (cd /tmp && make) | tee log
RUN echo $(cd / && pwd)
RUN true
