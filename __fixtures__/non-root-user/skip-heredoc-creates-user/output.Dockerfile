# syntax=docker/dockerfile:1
FROM alpine:3.20
RUN <<EOF
apk add --no-cache postgresql16
adduser -S -D postgres
EOF
COPY start.py /start.py
CMD ["python3", "/start.py"]
