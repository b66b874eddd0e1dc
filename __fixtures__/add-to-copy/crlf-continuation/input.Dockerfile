FROM alpine:3.20
ADD --chown=app:app \
    config /etc/app/
