FROM debian:bookworm-slim AS debug
RUN groupadd dev && \
    useradd -g dev dev

FROM debian:bookworm-slim
RUN groupadd app && \
    useradd -g app app
