FROM debian:bookworm-slim
RUN groupadd app
RUN useradd -g app app
RUN mkdir /data && chown app /data
COPY app /usr/local/bin/app
RUN echo one > /etc/one
RUN echo two > /etc/two
