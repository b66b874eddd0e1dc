FROM alpine:3.20
COPY crontab /etc/crontabs/root
CMD ["crond", "-f", "-l", "2"]
