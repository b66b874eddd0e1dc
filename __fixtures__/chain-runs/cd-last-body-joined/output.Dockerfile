FROM debian:bookworm-slim
RUN mkdir /src && \
    cd /src && touch x
