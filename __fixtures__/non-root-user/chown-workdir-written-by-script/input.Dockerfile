FROM alpine:3.20
RUN mkdir /srv/bot
WORKDIR /srv/bot
COPY start.sh bot.py ./
RUN apk add --no-cache python3
CMD ["./start.sh"]
