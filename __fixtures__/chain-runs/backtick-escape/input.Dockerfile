# escape=`
FROM debian
RUN echo one `
    && echo two
RUN echo three
