FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y \
    cmake \
    protobuf-compiler
COPY . /src
RUN cmake -S /src -B /build && cmake --build /build
