FROM debian:bookworm
RUN bash -c "apt-get update" && \
    rm -rf /tmp/*
