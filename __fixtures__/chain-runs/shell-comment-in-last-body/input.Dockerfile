FROM debian
RUN make
RUN make install # to /usr/local
