FROM debian:bookworm-slim
RUN groupadd app && \
    useradd -g app app && \
    mkdir /data && chown app /data
COPY app /usr/local/bin/app
RUN echo one > /etc/one && \
    echo two > /etc/two
