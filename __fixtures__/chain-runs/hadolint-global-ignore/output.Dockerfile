# hadolint global ignore=DL3059
FROM debian
RUN echo one
RUN echo two
