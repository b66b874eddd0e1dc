FROM debian AS build
RUN echo one && \
    echo two

FROM debian
RUN echo three
COPY --from=build /x /x
RUN echo four
