# hadolint stage ignore=DL3059
FROM debian:bookworm-slim
RUN echo one
RUN echo two
CMD ["bash"]
