FROM debian:bookworm
RUN apt-get update && apt-get install -y ca-certificates git
COPY build.sh /
RUN patch -p1 < /fix.diff && /build.sh
