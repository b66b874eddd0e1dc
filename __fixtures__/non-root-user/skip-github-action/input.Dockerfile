FROM alpine:3.20
COPY entrypoint.py /entrypoint.py
RUN apk add --no-cache python3
ENTRYPOINT ["python3", "/entrypoint.py"]
