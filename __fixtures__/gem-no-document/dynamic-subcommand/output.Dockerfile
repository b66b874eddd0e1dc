FROM debian:bookworm
ARG GEM_CMD=install
RUN gem $GEM_CMD rake
