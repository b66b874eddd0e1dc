FROM debian
RUN ["echo", "one"]
RUN echo two
