FROM ubuntu:22.04
RUN apt-get update
CMD ["/app/run"]
