FROM debian
RUN make
RUN make install || true # optional
