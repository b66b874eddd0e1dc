FROM debian:bookworm
RUN bash -c "sudo apt-get update" && \
    sudo rm -rf /tmp/*
