FROM debian:bookworm-slim
RUN groupadd app
RUN useradd -g app app

RUN mkdir /data
RUN chown app:app /data

RUN echo ready > /data/state
