FROM debian:bookworm
ADD . /app
ADD ./config /config/
ADD --chown=app:app --chmod=755 entrypoint.sh /usr/local/bin/
ADD --link run.sh config/app.ini /opt/
