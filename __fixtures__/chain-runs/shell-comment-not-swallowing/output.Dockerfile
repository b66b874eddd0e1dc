FROM debian
RUN make # build everything
RUN make install
