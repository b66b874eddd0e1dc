FROM debian:bullseye
# hadolint ignore=DL3046
RUN useradd -u 123456 app
