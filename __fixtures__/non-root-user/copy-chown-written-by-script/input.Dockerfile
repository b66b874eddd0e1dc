FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY run.sh /usr/local/bin/run.sh
COPY state /srv/state
ENTRYPOINT ["run.sh"]
