FROM debian:bookworm
RUN apt-get update && apt-get install --no-install-recommends -y ca-certificates git patch
RUN git clone https://example.com/app.git /src && cd /src && patch -p1 < /src/fix.diff
