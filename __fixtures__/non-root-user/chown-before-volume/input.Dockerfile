FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends sqlite3 && rm -rf /var/lib/apt/lists/*
COPY notes /usr/local/bin/notes
RUN mkdir /data
VOLUME /data
CMD ["notes", "--db", "/data/notes.db"]
