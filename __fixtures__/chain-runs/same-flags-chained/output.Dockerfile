FROM debian
RUN --network=none echo one && \
    echo two
