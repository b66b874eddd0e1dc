FROM debian
RUN echo one
# hadolint ignore=DL3008
RUN apt-get install -y curl
