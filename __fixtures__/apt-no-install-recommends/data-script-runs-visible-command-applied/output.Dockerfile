FROM debian:bookworm
RUN apt-get update && apt-get install --no-install-recommends -y ca-certificates git patch
COPY build.sh /
RUN patch -p1 < /fix.diff && /build.sh
