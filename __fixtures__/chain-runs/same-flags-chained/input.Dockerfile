FROM debian
RUN --network=none echo one
RUN --network=none echo two
