FROM debian:bookworm-slim
RUN echo one
RUN echo two
# hadolint global ignore=DL3059
CMD ["bash"]
