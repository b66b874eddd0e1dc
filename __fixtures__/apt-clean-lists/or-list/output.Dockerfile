FROM debian:bookworm
RUN apt-get update && apt-get install -y make || apt-get install -y make-guile && rm -rf /var/lib/apt/lists/*
