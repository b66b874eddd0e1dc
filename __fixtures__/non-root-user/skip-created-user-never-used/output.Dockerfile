FROM debian:bookworm-slim
RUN groupadd -r redis && useradd -r -g redis redis
COPY redis-server /usr/local/bin/
COPY start.py /start.py
CMD ["python3", "/start.py"]
