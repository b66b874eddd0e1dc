FROM debian:bookworm-slim
RUN cd /tmp && touch x
RUN export A=1 && echo "$A" > /a
RUN echo done > /b
