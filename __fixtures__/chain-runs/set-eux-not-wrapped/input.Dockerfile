FROM debian:bookworm-slim
RUN mkdir /src
RUN set -eux; touch /src/a
RUN echo done > /src/c
