FROM ubuntu:22.04
RUN apt-get update
RUN groupadd --system --gid 1000 app && \
    useradd --system --no-log-init --uid 1000 --gid app --create-home app
USER 1000:1000
CMD ["/app/run"]
