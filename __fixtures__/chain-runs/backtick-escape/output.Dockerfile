# escape=`
FROM debian
RUN echo one `
    && echo two `
    && echo three
