FROM debian:bookworm
COPY . /app
COPY ./config /config/
COPY --chown=app:app --chmod=755 entrypoint.sh /usr/local/bin/
COPY --link run.sh config/app.ini /opt/
