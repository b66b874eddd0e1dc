FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends sqlite3 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
COPY notes /usr/local/bin/notes
RUN mkdir /data && chown app:app /data
VOLUME /data
USER app
CMD ["notes", "--db", "/data/notes.db"]
