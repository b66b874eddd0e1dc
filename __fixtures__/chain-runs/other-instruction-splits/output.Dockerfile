FROM debian
RUN echo one
ENV A=1
RUN echo two && \
    echo three
