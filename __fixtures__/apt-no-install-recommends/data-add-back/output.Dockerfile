FROM debian:bookworm-slim
RUN apt-get update && apt-get install --no-install-recommends -y \
    ca-certificates \
    cmake \
    gcc \
    libprotobuf-dev \
    make \
    protobuf-compiler
COPY . /src
RUN cmake -S /src -B /build && cmake --build /build
