FROM alpine:3.20
RUN mkdir /srv/bot
WORKDIR /srv/bot
RUN addgroup -S app && \
    adduser -S -G app app && \
    chown app:app /srv/bot
COPY start.sh bot.py ./
RUN apk add --no-cache python3
USER app
CMD ["./start.sh"]
