FROM debian:bookworm-slim
RUN echo one
# docker-codemod ignore=chain-runs
RUN echo two
CMD ["bash"]
