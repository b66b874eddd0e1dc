FROM debian:bookworm-slim
RUN mkdir /src
RUN cd /src && touch x
