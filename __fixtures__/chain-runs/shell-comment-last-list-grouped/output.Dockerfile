FROM debian
RUN make && \
    ( make install || true ) # optional
