FROM debian
RUN echo one \
# next step
    # echo disabled && \
    && echo two \
    && echo three
