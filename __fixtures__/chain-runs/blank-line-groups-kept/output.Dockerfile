FROM debian:bookworm-slim
RUN groupadd app && \
    useradd -g app app

RUN mkdir /data && \
    chown app:app /data

RUN echo ready > /data/state
