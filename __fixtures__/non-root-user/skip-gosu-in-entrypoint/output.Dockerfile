FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends gosu && rm -rf /var/lib/apt/lists/*
COPY app /usr/local/bin/app
ENTRYPOINT ["gosu", "nobody", "app"]
