FROM debian
RUN echo one
# next step
RUN \
    # echo disabled && \
    echo two \
    && echo three
