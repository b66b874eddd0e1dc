FROM ubuntu:24.04
RUN apt-get update
CMD ["/app/run"]
