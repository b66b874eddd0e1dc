FROM debian:bookworm
RUN apt-get update && apt-get install -y ca-certificates git
COPY build.sh /
RUN /build.sh
