FROM debian:bookworm-slim
# hadolint ignore=DL3059
RUN echo one
RUN echo two
CMD ["bash"]
