FROM debian
RUN echo one
# note
RUN echo two
