FROM debian
RUN make && \
    make install # to /usr/local
