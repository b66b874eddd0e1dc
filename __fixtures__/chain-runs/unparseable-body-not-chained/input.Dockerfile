FROM debian
RUN echo 'unterminated
RUN echo two
