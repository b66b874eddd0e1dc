FROM debian:bookworm-slim AS debug
RUN groupadd dev
RUN useradd -g dev dev

FROM debian:bookworm-slim
RUN groupadd app
RUN useradd -g app app
