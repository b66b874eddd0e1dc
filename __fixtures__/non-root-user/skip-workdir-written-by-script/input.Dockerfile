FROM alpine:3.20
WORKDIR /srv/bot
COPY start.sh bot.py ./
RUN apk add --no-cache python3 sqlite
CMD ["./start.sh"]
