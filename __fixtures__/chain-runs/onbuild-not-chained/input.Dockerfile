FROM debian
ONBUILD RUN echo one
ONBUILD RUN echo two
RUN echo three
