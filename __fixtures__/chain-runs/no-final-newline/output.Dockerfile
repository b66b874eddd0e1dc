FROM debian
RUN echo one && \
    echo two