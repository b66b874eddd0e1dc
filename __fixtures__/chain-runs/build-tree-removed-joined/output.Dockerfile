FROM debian:bookworm-slim
WORKDIR /src
COPY . .
RUN ./configure --prefix=/usr/local && make && make install && \
    rm -rf /src
WORKDIR /
