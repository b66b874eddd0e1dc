FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
COPY run.sh /usr/local/bin/run.sh
COPY --chown=app:app state /srv/state
USER app
ENTRYPOINT ["run.sh"]
