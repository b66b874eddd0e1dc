FROM debian:bookworm-slim
COPY src /src
RUN apt-get update && apt-get install -y --no-install-recommends gcc make libc6-dev && rm -rf /var/lib/apt/lists/*
RUN make -C /src install
RUN apt-get purge -y --auto-remove gcc make libc6-dev
