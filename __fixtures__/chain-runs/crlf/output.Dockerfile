FROM debian
RUN echo one && \
# note
    echo two
